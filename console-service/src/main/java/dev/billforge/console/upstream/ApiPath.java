package dev.billforge.console.upstream;

import java.nio.charset.StandardCharsets;

/**
 * A REST path with caller-given segments percent-encoded: {@code ApiPath.of("/v1/customers/%s", id)}. An id from a
 * GraphQL argument is one path segment, whatever it holds ({@code ../} included), so it reaches the service as the
 * unknown id it is and is answered 404, never routed elsewhere.
 */
public final class ApiPath {

    private ApiPath() {
    }

    public static String of(String template, String... segments) {
        Object[] encoded = new Object[segments.length];
        for (int i = 0; i < segments.length; i++) {
            encoded[i] = segment(segments[i]);
        }
        return String.format(template, encoded);
    }

    /**
     * RFC 3986 path-segment encoding: every byte but the unreserved characters is %XX, and so is every dot of a
     * segment made only of dots ({@code .} and {@code ..} would otherwise be read as the path's own steps).
     */
    static String segment(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("An empty path segment would name the collection, not a record");
        }
        boolean dotsOnly = value.chars().allMatch(c -> c == '.');
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_~".indexOf(c) >= 0
                    || (c == '.' && !dotsOnly)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
