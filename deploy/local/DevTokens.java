import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;

/**
 * The local stack's identity provider, in one file run by the JDK itself (no openssl, no libraries):
 * {@code keys DIR} makes a dev RS256 key pair once; {@code token DIR ISSUER TENANT [ROLE...]} prints a JWT the
 * local services accept. The keys never leave .local/; production services trust your real provider's key.
 */
public class DevTokens {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "keys" -> keys(dir);
            case "token" -> System.out.println(token(dir, args[2], args[3],
                    args.length > 4 ? java.util.Arrays.copyOfRange(args, 4, args.length) : new String[] { "billing-admin" }));
            default -> throw new IllegalArgumentException("keys DIR | token DIR ISSUER TENANT [ROLE...]");
        }
    }

    static void keys(Path dir) throws Exception {
        if (Files.exists(dir.resolve("private.pem"))) {
            return;
        }
        Files.createDirectories(dir);
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        Files.writeString(dir.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(dir.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    /** @param tenant the tenant_id claim; {@code -} for a platform token without one (the billing-operator's) */
    static String token(Path dir, String issuer, String tenant, String[] roles) throws Exception {
        boolean platform = "-".equals(tenant);
        if (!platform && !tenant.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("tenant must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}, or be - for none");
        }
        long now = System.currentTimeMillis() / 1000;
        StringBuilder groups = new StringBuilder();
        for (String role : roles) {
            groups.append(groups.isEmpty() ? "" : ",").append('"').append(role.replace("\"", "")).append('"');
        }
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"billforge-local\"}";
        String payload = "{\"iss\":\"" + issuer + "\",\"sub\":\"local-user\",\"upn\":\"local-user\","
                + (platform ? "" : "\"tenant_id\":\"" + tenant + "\",") + "\"groups\":[" + groups + "],\"iat\":" + now + ",\"exp\":" + (now + 12 * 3600)
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
        String pem = Files.readString(dir.resolve("private.pem")).replaceAll("-----[A-Z ]+-----|\\s", "");
        var key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        var signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64(signature.sign());
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
