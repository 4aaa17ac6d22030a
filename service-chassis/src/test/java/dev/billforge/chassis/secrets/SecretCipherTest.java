package dev.billforge.chassis.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String OLD_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String NEW_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    private static SecretCipher cipher(String keys, String active) {
        return new SecretCipher(new SecretsConfig() {
            @Override
            public Optional<String> keys() {
                return Optional.of(keys);
            }

            @Override
            public Optional<String> activeKeyId() {
                return Optional.of(active);
            }

            @Override
            public Optional<String> blindIndexKey() {
                return Optional.empty();
            }
        });
    }

    @Test
    void sealedValuesOpenInTheirOwnPlaceOnly() {
        SecretCipher cipher = cipher("k1:" + NEW_KEY, "k1");
        SealedSecret sealed = cipher.seal("sk_test_abc", "tenant-a/stripe/credentials");

        assertEquals("k1", sealed.keyId());
        assertFalse(sealed.ciphertext().contains("sk_test"));
        assertNotEquals(sealed.ciphertext(), cipher.seal("sk_test_abc", "tenant-a/stripe/credentials").ciphertext(),
                "a fresh nonce per seal");
        assertEquals("sk_test_abc", cipher.open(sealed, "tenant-a/stripe/credentials"));
        assertThrows(IllegalStateException.class, () -> cipher.open(sealed, "tenant-b/stripe/credentials"));
    }

    @Test
    void rotatedKeysStillOpenWhatTheySealed() {
        SealedSecret old = cipher("k0:" + OLD_KEY, "k0").seal("whsec_1", "t/stripe");
        SecretCipher rotated = cipher("k1:" + NEW_KEY + ",k0:" + OLD_KEY, "k1");

        assertEquals("whsec_1", rotated.open(old, "t/stripe"));
        assertEquals("k1", rotated.seal("whsec_2", "t/stripe").keyId());
        assertThrows(IllegalStateException.class, () -> cipher("k1:" + NEW_KEY, "k1").open(old, "t/stripe"),
                "a retired key that is no longer listed");
    }

    @Test
    void misconfiguredKeysAreRefused() {
        assertThrows(IllegalStateException.class, () -> cipher("", "k1").seal("x", "c"));
        assertThrows(IllegalStateException.class, () -> cipher("k1:" + NEW_KEY, "k2").seal("x", "c"));
        assertThrows(IllegalStateException.class, () -> cipher("k1:c2hvcnQ=", "k1").seal("x", "c"));
    }
}
