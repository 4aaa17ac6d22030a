package dev.billforge.console.web;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import dev.billforge.console.upstream.ConsoleConfig;

/**
 * The key of the console's CSRF tokens ({@code billforge.console.csrf-key}, base64, 32 bytes). Every replica must
 * share it, or a form rendered by one is refused by another; without one, each process makes its own (one replica).
 */
@ApplicationScoped
public class CsrfKey {

    private static final Logger LOG = Logger.getLogger(CsrfKey.class);

    private final byte[] bytes;

    public CsrfKey(ConsoleConfig config) {
        Optional<String> configured = config.csrfKey();
        if (configured.isPresent() && !configured.get().isBlank()) {
            this.bytes = decode(configured.get().trim());
        } else {
            this.bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            LOG.info("No billforge.console.csrf-key: this process signs its forms with a key of its own (fine for one"
                    + " replica; set the key when running several)");
        }
    }

    /** Refuses, at start-up rather than at the first form, a key that is not base64 of at least 32 bytes. */
    private static byte[] decode(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("billforge.console.csrf-key is not base64: make one with"
                    + " head -c32 /dev/urandom | base64", e);
        }
        if (key.length < 32) {
            throw new IllegalStateException("billforge.console.csrf-key is " + key.length + " bytes; it needs 32");
        }
        return key;
    }

    /** Makes the key now, so a bad one stops the console from starting. */
    void checkOnStart(@Observes StartupEvent started) {
        bytes();
    }

    byte[] bytes() {
        return bytes.clone();
    }
}
