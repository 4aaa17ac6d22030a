package dev.billforge.console.signin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * RSA keys in PEM files, where MicroProfile JWT's key locations point: a file path ({@code file:} optional, as the
 * Helm chart writes it) or a classpath resource ({@code classpath:} optional; the tests' keys).
 */
final class PemKeys {

    private PemKeys() {
    }

    /** The key's base64 body, without the PEM armour: how quarkus-oidc takes a public key. */
    static String body(String location) {
        return read(location).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    static RSAPublicKey publicKey(String location) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body(location))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Not an RSA public key: " + location, e);
        }
    }

    static PrivateKey privateKey(String location) {
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body(location))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Not an RSA private key (PKCS#8): " + location, e);
        }
    }

    private static String read(String configured) {
        String location = configured.replaceFirst("^(file|classpath):", "");
        try {
            Path file = Path.of(location);
            if (Files.isRegularFile(file)) {
                return Files.readString(file);
            }
            try (InputStream resource = Thread.currentThread().getContextClassLoader().getResourceAsStream(location)) {
                if (resource == null) {
                    throw new IllegalStateException("No key at " + location);
                }
                return new String(resource.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key at " + location, e);
        }
    }
}
