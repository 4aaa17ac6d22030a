package dev.billforge.console.upstream;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The query string of a REST call: {@code Params.of("limit", 50).and("status", status)}. A null value is no parameter
 * (the filter was not asked for); {@link #all} repeats a parameter, which is how the list endpoints take several ids.
 */
public final class Params {

    private final List<String> pairs = new ArrayList<>();

    private Params() {
    }

    public static Params none() {
        return new Params();
    }

    public static Params of(String name, Object value) {
        return new Params().and(name, value);
    }

    public Params and(String name, Object value) {
        if (value != null) {
            pairs.add(encode(name) + "=" + encode(value.toString()));
        }
        return this;
    }

    public Params all(String name, Collection<?> values) {
        values.forEach(value -> and(name, value));
        return this;
    }

    /** {@code ?a=1&b=2}, or nothing. */
    String render() {
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
