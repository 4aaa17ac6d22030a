package dev.billforge.customer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class CustomerTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LATER = Instant.parse("2026-01-02T00:00:00Z");

    private Customer customer() {
        return Customer.create(UUID.randomUUID(), "t1", new CustomerDetails(" ada@example.com ", "Ada", null, null,
                null, "GB", Map.of("a", "1", "b", "2")), CREATED);
    }

    @Test
    void createTrimsTheEmail() {
        assertEquals("ada@example.com", customer().billingEmail());
    }

    @Test
    void applyReportsOnlyRealChangesSortedAndMergesMetadata() {
        Customer customer = customer();
        Map<String, String> metadata = new HashMap<>();
        metadata.put("a", null);
        metadata.put("c", "3");
        List<String> changed = customer.apply(new CustomerChanges("ada@example.com", Optional.empty(), null, null,
                null, Optional.of("GB"), false, metadata), LATER);

        assertEquals(List.of("metadata", "name"), changed);
        assertNull(customer.name());
        assertEquals(Map.of("b", "2", "c", "3"), customer.metadata());
        assertEquals(LATER, customer.updatedAt());
    }

    @Test
    void anUpdateThatChangesNothingKeepsUpdatedAt() {
        Customer customer = customer();
        assertTrue(customer.apply(new CustomerChanges(null, Optional.of("Ada"), null, null, null, null, false,
                Map.of("a", "1")), LATER).isEmpty());
        assertEquals(CREATED, customer.updatedAt());
    }

    @Test
    void clearingMetadataThenPatchingKeepsOnlyThePatch() {
        Customer customer = customer();
        customer.apply(new CustomerChanges(null, null, null, null, null, null, true, Map.of("z", "9")), LATER);
        assertEquals(Map.of("z", "9"), customer.metadata());
    }
}
