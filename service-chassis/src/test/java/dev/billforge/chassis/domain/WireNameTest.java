package dev.billforge.chassis.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.billforge.chassis.persistence.WireNameColumn;

class WireNameTest {

    enum Sample implements WireName {
        ACTIVE, PAST_DUE
    }

    static class SampleColumn extends WireNameColumn<Sample> {
        SampleColumn() {
            super(Sample.class);
        }
    }

    @Test
    void namesAreTheConstantsInLowerCaseBothWays() {
        assertEquals("past_due", Sample.PAST_DUE.wire());
        assertEquals(Optional.of(Sample.PAST_DUE), WireName.fromWire(Sample.class, "past_due"));
        assertEquals(Optional.empty(), WireName.fromWire(Sample.class, "PAST_DUE"), "only the wire spelling");
        assertEquals("active, past_due", WireName.allWire(Sample.class));
    }

    @Test
    void theColumnStoresTheWireNameAndRefusesAnUnknownOne() {
        SampleColumn column = new SampleColumn();
        assertEquals("past_due", column.convertToDatabaseColumn(Sample.PAST_DUE));
        assertEquals(Sample.ACTIVE, column.convertToEntityAttribute("active"));
        assertThrows(IllegalStateException.class, () -> column.convertToEntityAttribute("ACTIVE"));
    }
}
