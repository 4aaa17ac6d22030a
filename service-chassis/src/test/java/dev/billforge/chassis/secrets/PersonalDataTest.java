package dev.billforge.chassis.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

    private static final String OLD = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String NEW = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String INDEX = Base64.getEncoder().encodeToString("index-key-index-key-index-key-32".getBytes());

    private static PersonalData personalData(String keys, String active, String indexKey) {
        SecretsConfig config = new SecretsConfig() {
            public Optional<String> keys() {
                return Optional.of(keys);
            }

            public Optional<String> activeKeyId() {
                return Optional.of(active);
            }

            public Optional<String> blindIndexKey() {
                return Optional.ofNullable(indexKey);
            }
        };
        return new PersonalData(new SecretCipher(config), config);
    }

    @Test
    void sealedValuesNameTheirKeyHideTheTextAndOpenAgain() {
        PersonalData data = personalData("2026-11:" + OLD, "2026-11", INDEX);
        String sealed = data.seal("ada@example.com");
        assertTrue(sealed.startsWith("pd1:2026-11:"), sealed);
        assertFalse(sealed.contains("ada@") || sealed.contains("example.com"), sealed); // neither is base64
        assertNotEquals(sealed, data.seal("ada@example.com"), "a fresh nonce each time: equal values look different");
        assertEquals("ada@example.com", data.open(sealed));
        assertTrue(data.sealedWithActiveKey(sealed));
    }

    @Test
    void aValueStoredBeforeSealingReadsAsItIs() {
        PersonalData data = personalData("2026-11:" + OLD, "2026-11", INDEX);
        assertEquals("ada@example.com", data.open("ada@example.com"));
        assertFalse(data.sealedWithActiveKey("ada@example.com"));
    }

    @Test
    void afterARotationOldValuesStillOpenAndAreKnownAsStale() {
        String sealedBefore = personalData("2026-11:" + OLD, "2026-11", INDEX).seal("Ada Lovelace");
        PersonalData rotated = personalData("2026-11:" + OLD + ",2027-01:" + NEW, "2027-01", INDEX);
        assertEquals("Ada Lovelace", rotated.open(sealedBefore));
        assertFalse(rotated.sealedWithActiveKey(sealedBefore), "resealing takes it");
        assertTrue(rotated.seal("Ada Lovelace").startsWith("pd1:2027-01:"));
        // Once the old key is dropped, what it sealed no longer opens: resealing must have run first.
        PersonalData dropped = personalData("2027-01:" + NEW, "2027-01", INDEX);
        assertThrows(IllegalStateException.class, () -> dropped.open(sealedBefore));
    }

    @Test
    void theBlindIndexIgnoresCaseAndSpacesAndDependsOnTheKeyAndTheTenant() {
        PersonalData data = personalData("2026-11:" + OLD, "2026-11", INDEX);
        String index = data.blindIndex("acme", "Ada@Example.com");
        assertEquals(index, data.blindIndex("acme", "  ada@example.com "));
        assertNotEquals(index, data.blindIndex("acme", "ada@example.org"));
        assertNotEquals(index, data.blindIndex("globex", "ada@example.com"), "another tenant: another index");
        assertEquals(64, index.length());
        assertTrue(index.matches("[0-9a-f]{64}"), index); // an HMAC in hex, nothing of the address
        String otherKey = Base64.getEncoder().encodeToString("another-index-key-another-key-32".getBytes());
        assertNotEquals(index, personalData("2026-11:" + OLD, "2026-11", otherKey).blindIndex("acme", "ada@example.com"));
        assertThrows(IllegalStateException.class,
                () -> personalData("2026-11:" + OLD, "2026-11", null).blindIndex("acme", "ada@example.com"));
    }
}
