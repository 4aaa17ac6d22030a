package dev.billforge.console.web;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

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
            this.bytes = Base64.getDecoder().decode(configured.get().trim());
        } else {
            this.bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            LOG.info("No billforge.console.csrf-key: this process signs its forms with a key of its own (fine for one"
                    + " replica; set the key when running several)");
        }
    }

    byte[] bytes() {
        return bytes.clone();
    }
}
