package dev.billforge.chassis.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Customers' personal data (billing email, name, postal address) and what carries it (event payloads, stored API
 * answers, emails) as stored: sealed with {@link SecretCipher} under the active key, as {@code pd1:<key id>:<base64>},
 * so a database dump or backup holds none of it in the clear. A stored value without the prefix is one written before
 * sealing began and is read as it is, until {@code PersonalDataResealing} seals it. Lookups by value go through a
 * keyed {@link #blindIndex blind index}, never through the plaintext.
 */
@ApplicationScoped
public class PersonalData {

    static final String PREFIX = "pd1:";
    /** Bound into every sealed value: personal data opens only as personal data, never as a tenant's secret. */
    private static final String CONTEXT = "billforge/personal-data";

    private final SecretCipher cipher;
    private final SecretsConfig config;
    private volatile SecretKeySpec indexKey;

    public PersonalData(SecretCipher cipher, SecretsConfig config) {
        this.cipher = cipher;
        this.config = config;
    }

    public String seal(String plaintext) {
        if (plaintext == null) {
            return null;
        }
        SealedSecret sealed = cipher.seal(plaintext, CONTEXT);
        return PREFIX + sealed.keyId() + ":" + sealed.ciphertext();
    }

    public String open(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored; // not sealed yet (written before sealing began)
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (colon < 0) {
            throw new IllegalStateException("A sealed personal value has no key id");
        }
        return cipher.open(new SealedSecret(stored.substring(PREFIX.length(), colon), stored.substring(colon + 1)),
                CONTEXT);
    }

    /** Whether {@code stored} is sealed under the key that seals new values (else it is resealed). */
    public boolean sealedWithActiveKey(String stored) {
        return stored != null && stored.startsWith(PREFIX + cipher.activeKeyId() + ":");
    }

    /** The SQL LIKE pattern of values sealed under the active key. */
    String activeKeyPattern() {
        return PREFIX + cipher.activeKeyId() + ":%";
    }

    /**
     * A keyed hash (HMAC-SHA256, hex) of a tenant's email address, trimmed and lower-cased: equal addresses of one
     * tenant have equal indexes; without the key an index tells nothing about the address, and the same person's
     * indexes differ from tenant to tenant, so a dump does not link them.
     */
    public String blindIndex(String tenantId, String email) {
        if (email == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(indexKey());
            return HexFormat.of().formatHex(mac.doFinal((tenantId + '\0' + email.trim().toLowerCase(Locale.ROOT))
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The blind index could not be computed", e);
        }
    }

    /** Fails unless the sealing keys are configured: every service stores personal data somewhere. */
    public void requireKeys() {
        cipher.requireConfigured();
    }

    /** Fails unless the blind-index key is configured: services that index call it at start-up. */
    public void requireBlindIndexKey() {
        indexKey();
    }

    private SecretKeySpec indexKey() {
        SecretKeySpec key = indexKey;
        if (key == null) {
            byte[] bytes = Base64.getDecoder().decode(config.blindIndexKey().orElseThrow(() -> new IllegalStateException(
                    "billforge.secrets.blind-index-key (base64 of 32 random bytes) is required to look up"
                            + " personal data")).trim());
            if (bytes.length != 32) {
                throw new IllegalStateException("billforge.secrets.blind-index-key must be 32 bytes, not " + bytes.length);
            }
            key = new SecretKeySpec(bytes, "HmacSHA256");
            indexKey = key;
        }
        return key;
    }
}
