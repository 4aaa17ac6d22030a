package dev.billforge.chassis.secrets;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The keys that encrypt tenants' secrets at rest ({@code billforge.secrets.*}). Only services that store secrets
 * (provider credentials, webhook signing secrets) need them; {@link SecretCipher} refuses to work without them.
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
}
