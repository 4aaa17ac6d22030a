package dev.billforge.chassis.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Seals tenants' secrets (provider API keys, webhook signing secrets) and, through {@link PersonalData}, their
 * customers' personal data for storage with AES-256-GCM, and opens them
 * again. Each value is bound to where it belongs through GCM's associated data (for example
 * {@code tenant/stripe/secret_key}): a ciphertext copied into another tenant's row does not open.
 */
@ApplicationScoped
public class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;

    private final SecretsConfig config;
    private final SecureRandom random = new SecureRandom();
    private volatile Keys keys;

    public SecretCipher(SecretsConfig config) {
        this.config = config;
    }

    /**
     * Fails unless the keys are configured and valid. Services that store secrets call it at start-up, so a
     * missing key stops the deployment instead of failing the first tenant who saves credentials.
     */
    public void requireConfigured() {
        keys();
    }

    /** The id of the key that seals new values. */
    public String activeKeyId() {
        return keys().activeId();
    }

    /** Seals {@code plaintext} with the active key. {@code context} names the value's place and must match on open. */
    public SealedSecret seal(String plaintext, String context) {
        Keys ring = keys();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, ring.byId().get(ring.activeId()), nonce, context,
                plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] stored = new byte[NONCE_BYTES + sealed.length];
        System.arraycopy(nonce, 0, stored, 0, NONCE_BYTES);
        System.arraycopy(sealed, 0, stored, NONCE_BYTES, sealed.length);
        return new SealedSecret(ring.activeId(), Base64.getEncoder().encodeToString(stored));
    }

    /**
     * Opens a value sealed by {@link #seal} with the same {@code context}.
     *
     * @throws IllegalStateException when its key is no longer configured or the value or context was tampered with
     */
    public String open(SealedSecret secret, String context) {
        SecretKeySpec key = keys().byId().get(secret.keyId());
        if (key == null) {
            throw new IllegalStateException("Secret key '" + secret.keyId() + "' is not in billforge.secrets.keys;"
                    + " a retired key must stay listed until no stored value names it");
        }
        byte[] stored = Base64.getDecoder().decode(secret.ciphertext());
        byte[] nonce = Arrays.copyOfRange(stored, 0, NONCE_BYTES);
        byte[] sealed = Arrays.copyOfRange(stored, NONCE_BYTES, stored.length);
        return new String(run(Cipher.DECRYPT_MODE, key, nonce, context, sealed), StandardCharsets.UTF_8);
    }

    private static byte[] run(int mode, SecretKeySpec key, byte[] nonce, String context, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            // The message names no secret: it only says that this value does not open here.
            throw new IllegalStateException("A stored secret could not be " + (mode == Cipher.ENCRYPT_MODE
                    ? "sealed" : "opened (wrong key, or the value was altered or moved)"), e);
        }
    }

    private record Keys(Map<String, SecretKeySpec> byId, String activeId) {
    }

    private Keys keys() {
        Keys ring = keys;
        if (ring == null) {
            ring = parse(config.keys().orElse(""), config.activeKeyId().orElse(""));
            keys = ring;
        }
        return ring;
    }

    /** Parses {@code id:base64,...}; every key must be 32 bytes and the active id must be among them. */
    static Keys parse(String keys, String activeId) {
        Map<String, SecretKeySpec> byId = new LinkedHashMap<>();
        for (String entry : keys.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalStateException("billforge.secrets.keys entries are id:base64-key");
            }
            byte[] key = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
            if (key.length != KEY_BYTES) {
                throw new IllegalStateException("Secret key '" + entry.substring(0, colon).trim() + "' must be "
                        + KEY_BYTES + " bytes (AES-256), not " + key.length);
            }
            byId.put(entry.substring(0, colon).trim(), new SecretKeySpec(key, "AES"));
        }
        if (!byId.containsKey(activeId)) {
            throw new IllegalStateException("billforge.secrets.active-key-id must name one of billforge.secrets.keys;"
                    + " set both to store tenants' secrets");
        }
        return new Keys(Map.copyOf(byId), activeId);
    }
}
