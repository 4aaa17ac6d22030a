package dev.billforge.chassis.secrets;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The keys that encrypt tenants' secrets and their customers' personal data at rest ({@code billforge.secrets.*}).
 * Every service stores one or the other (customer directories, event payloads), so every service needs them;
 * {@link SecretCipher} refuses to work without them.
 */
@ConfigMapping(prefix = "billforge.secrets")
public interface SecretsConfig {

    /**
     * Every key that may have sealed a stored value, as {@code id:base64} pairs separated by commas, for example
     * {@code 2026-11:q83v...,2026-05:Zm9v...}. Each key is 32 random bytes (AES-256). Keep retired keys listed until
     * no stored value names them any more.
     */
    Optional<String> keys();

    /** The id (from {@link #keys()}) that seals new values. */
    Optional<String> activeKeyId();

    /**
     * The key of the blind indexes over sealed personal data ({@link PersonalData#blindIndex}): base64 of 32 random
     * bytes. Unlike {@link #keys()} it cannot be rotated in place: every index would have to be computed again.
     * Only services that look personal data up by value (customer-service's email filter) need it.
     */
    Optional<String> blindIndexKey();
}
