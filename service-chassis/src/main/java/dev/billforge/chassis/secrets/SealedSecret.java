package dev.billforge.chassis.secrets;

/**
 * A secret as it is stored: AES-GCM ciphertext and the id of the key that sealed it, so keys can rotate (new values
 * take the active key, old ones still open with the key they name).
 *
 * @param ciphertext base64 of the 12-byte nonce followed by the ciphertext and its 16-byte tag
 */
public record SealedSecret(String keyId, String ciphertext) {

    /** Never the ciphertext either: it is no use to a reader of logs, and less in logs is less to leak. */
    @Override
    public String toString() {
        return "SealedSecret[keyId=" + keyId + "]";
    }
}
