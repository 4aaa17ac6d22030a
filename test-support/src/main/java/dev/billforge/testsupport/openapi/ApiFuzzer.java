package dev.billforge.testsupport.openapi;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.RestAssured;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import dev.billforge.testsupport.TestTokens;

/**
 * The fuzz test every service runs, generated from its OpenAPI document with jqwik's generators: malformed and
 * mistyped bodies, hostile path segments, query parameters and headers against every operation, as the tenant's
 * administrator. Whatever arrives, the service answers below 500, and every 4xx is {@code application/problem+json}
 * whose {@code code} is in the catalogue and whose {@code status} is the HTTP status.
 */
public final class ApiFuzzer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** HTTP/1.1 as most clients send it (no h2c upgrade to change what the server sees). */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final ApiDescription api;
    private final Set<String> knownCodes;
    private final String token;

    /** One request the fuzzer sends. */
    record Attempt(ApiOperation operation, String path, Map<String, String> query, Map<String, String> headers,
            String contentType, String body) {

        @Override
        public String toString() {
            return operation.method() + " " + path + (query.isEmpty() ? "" : " ?" + query) + " headers " + headers
                    + (body == null ? "" : " [" + contentType + "] "
                            + (body.length() > 2000 ? abbreviate(body) : body));
        }
    }

    public ApiFuzzer(ApiDescription api, Set<String> knownCodes, String tenant) {
        this.api = api;
        this.knownCodes = Set.copyOf(knownCodes);
        this.token = TestTokens.admin(tenant);
    }

    /**
     * Sends {@code requests} generated requests; fails listing (up to 20 of) those answered wrongly, each in full
     * (method, path, query, headers, body) so it can be sent again by hand. (jqwik seeds only inside its own
     * lifecycle, which a {@code @QuarkusTest} is not, so the draw is not replayable by seed.)
     */
    public Map<Integer, Integer> run(int requests) {
        List<ApiOperation> operations = api.operations();
        Arbitrary<Attempt> attempts = Arbitraries.of(operations).flatMap(this::attemptsFor);
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        List<String> failures = new ArrayList<>();
        attempts.sampleStream().limit(requests).forEach(attempt -> {
            Answer answer = send(attempt);
            if (answer == null) {
                return;
            }
            statuses.merge(answer.status(), 1, Integer::sum);
            String wrong = judge(answer);
            if (wrong != null && failures.size() < 20) {
                failures.add(wrong + "\n      for " + attempt + "\n      answer " + abbreviate(answer.body()));
            }
        });
        if (!failures.isEmpty()) {
            throw new AssertionError("Fuzzed requests answered wrongly:\n  " + String.join("\n  ", failures));
        }
        return statuses;
    }

    private String judge(Answer answer) {
        int status = answer.status();
        if (status >= 500) {
            return "status " + status;
        }
        if (status < 400) {
            return null;
        }
        String type = answer.contentType();
        if (type == null || !type.startsWith("application/problem+json")) {
            return "status " + status + " with content type " + type;
        }
        JsonNode problem;
        try {
            problem = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
        } catch (java.io.IOException e) {
            return "status " + status + " with a body that is not JSON";
        }
        if (!knownCodes.contains(problem.path("code").asText())) {
            return "code '" + problem.path("code").asText() + "' is not in the catalogue";
        }
        if (problem.path("status").asInt() != status) {
            return "problem status " + problem.path("status") + " but HTTP " + status;
        }
        return null;
    }

    private Arbitrary<Attempt> attemptsFor(ApiOperation operation) {
        ExampleValues examples = new ExampleValues(api, collection -> null);
        JsonNode valid = operation.bodySchema() == null ? null : examples.of(operation.bodySchema(), null);
        Arbitrary<Map<String, String>> path = pathValues(operation);
        Arbitrary<Map<String, String>> query = queryValues(operation);
        Arbitrary<Map<String, String>> headers = headers();
        Arbitrary<String[]> body = operation.bodyMediaType() == null
                ? Arbitraries.oneOf(Arbitraries.just(new String[] { null, null }),
                        Arbitraries.just(new String[] { "application/json", "{\"unexpected\": true}" }))
                : bodies(operation, valid);
        return Combinators.combine(path, query, headers, body).as((p, q, h, b) -> new Attempt(operation,
                operation.expand(p), q, h, b[0], b[1]));
    }

    private static Arbitrary<Map<String, String>> pathValues(ApiOperation operation) {
        List<ApiOperation.PathParameter> parameters = operation.pathParameters();
        if (parameters.isEmpty()) {
            return Arbitraries.just(Map.of());
        }
        return hostileSegment().list().ofSize(parameters.size()).map(values -> {
            Map<String, String> expanded = new HashMap<>();
            for (int i = 0; i < parameters.size(); i++) {
                expanded.put(parameters.get(i).name(), values.get(i));
            }
            return expanded;
        });
    }

    /** Path segments: unknown ids, not ids at all, encoded traversal and control characters, very long ones. */
    private static Arbitrary<String> hostileSegment() {
        return Arbitraries.oneOf(
                Arbitraries.create(() -> UUID.randomUUID().toString()),
                Arbitraries.of("0", "-1", "null", "undefined", "%2e%2e", "..%2F..%2Fetc", "%00", "%E2%80%AE",
                        "00000000-0000-0000-0000-000000000000", "stripe", "simulator", "paypal", "ZZZ", "%20"),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(80),
                // Long, yet two of them and a query stay under the HTTP layer's 4,096-byte request line.
                Arbitraries.strings().withCharRange('a', 'z').ofLength(1000),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(30)
                        .map(text -> java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static Arbitrary<Map<String, String>> queryValues(ApiOperation operation) {
        List<String> names = new ArrayList<>(operation.queryParameters().stream().map(ApiOperation.Parameter::name)
                .toList());
        names.add("unknown_parameter");
        return Arbitraries.maps(Arbitraries.of(names), hostileQueryValue()).ofMaxSize(3);
    }

    private static Arbitrary<String> hostileQueryValue() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "0", "-1", "101", "1e3", "9223372036854775808", "true", "null", "[]", "{}",
                        "' OR 1=1 --", "a@b", "ACTIVE", "past_due", "paid", "2030-13-45", "%", "\u0000"),
                Arbitraries.create(() -> UUID.randomUUID().toString()),
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.integers().map(String::valueOf));
    }

    private static Arbitrary<Map<String, String>> headers() {
        return Arbitraries.oneOf(
                Arbitraries.just(Map.of()),
                Arbitraries.of("", " ", "k".repeat(300), "valid-" + UUID.randomUUID(), "\t")
                        .map(key -> Map.of("Idempotency-Key", key)),
                Arbitraries.of("*/*", "application/xml", "text/html", "application/problem+json")
                        .map(accept -> Map.of("Accept", accept)));
    }

    /** [content type, body]: mistyped fields, unknown fields, other JSON values, broken JSON, other media types. */
    private static Arbitrary<String[]> bodies(ApiOperation operation, JsonNode valid) {
        String json = operation.bodyMediaType();
        List<Arbitrary<String[]>> kinds = new ArrayList<>();
        kinds.add(randomJson(3).map(value -> new String[] { json, value.toString() }));
        kinds.add(Arbitraries.of("", "{", "{\"a\":", "[", "nul", "{\"a\":1,}", "{'a': 1}", "\"text\"", "1e999999",
                "{\"a\":\"\\ud800\"}", "{}{}", "\u0000").map(text -> new String[] { json, text }));
        kinds.add(Arbitraries.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x")
                .map(type -> new String[] { type, valid == null ? "x" : valid.toString() }));
        kinds.add(Arbitraries.just(new String[] { json, "{\"n\":" + "[".repeat(2000) + "]".repeat(2000) + "}" }));
        if (valid != null && valid.isObject()) {
            ObjectNode object = (ObjectNode) valid;
            List<String> fields = new ArrayList<>(ExampleValues.fields(object).keySet());
            JsonNode properties = operation.bodySchema().path("properties");
            properties.fieldNames().forEachRemaining(name -> {
                if (!fields.contains(name)) {
                    fields.add(name);
                }
            });
            if (!fields.isEmpty()) {
                kinds.add(Combinators.combine(Arbitraries.of(fields), randomJson(2)).as((field, value) -> {
                    ObjectNode changed = object.deepCopy();
                    changed.set(field, value);
                    return new String[] { json, changed.toString() };
                }));
                kinds.add(Arbitraries.of(fields).map(field -> {
                    ObjectNode changed = object.deepCopy();
                    changed.remove(field);
                    return new String[] { json, changed.toString() };
                }));
                kinds.add(Arbitraries.of(fields).flatMap(field -> Arbitraries.of(
                        ExampleValues.wrongTypesFor(properties.path(field))).map(value -> {
                            ObjectNode changed = object.deepCopy();
                            changed.set(field, value);
                            return new String[] { json, changed.toString() };
                        })));
            }
            kinds.add(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20).map(field -> {
                ObjectNode changed = object.deepCopy();
                changed.put("zz_" + field, 1);
                return new String[] { json, changed.toString() };
            }));
            kinds.add(Arbitraries.just(new String[] { json, object.toString() }));
        }
        return Arbitraries.oneOf(kinds);
    }

    /** Any JSON value, nested up to {@code depth}: strings with any characters, big and odd numbers. */
    private static Arbitrary<JsonNode> randomJson(int depth) {
        Arbitrary<JsonNode> leaves = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(50).map(NODES::textNode),
                Arbitraries.strings().withCharRange('a', 'z').ofLength(70_000).map(NODES::textNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.of(new java.math.BigDecimal("1e400"), new java.math.BigDecimal("-0.0000001"),
                        new java.math.BigDecimal("99999999999999999999999")).map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<JsonNode> arrays = randomJson(depth - 1).list().ofMaxSize(3).map(items -> {
            var array = NODES.arrayNode();
            items.forEach(array::add);
            return array;
        });
        Arbitrary<JsonNode> objects = Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                randomJson(depth - 1)).ofMaxSize(3).map(fields -> {
                    ObjectNode object = NODES.objectNode();
                    fields.forEach(object::set);
                    return object;
                });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, leaves), net.jqwik.api.Tuple.of(1, arrays),
                net.jqwik.api.Tuple.of(2, objects));
    }

    /** The raw answer: java.net.http sends bodies and content types exactly as drawn, which RestAssured will not. */
    record Answer(int status, String contentType, String body) {
    }

    /** Sends the attempt, or returns null when no HTTP client could send it (a header value with a line break). */
    private Answer send(Attempt attempt) {
        StringBuilder uri = new StringBuilder(RestAssured.baseURI).append(':').append(RestAssured.port)
                .append(attempt.path());
        String separator = "?";
        for (Map.Entry<String, String> parameter : attempt.query().entrySet()) {
            uri.append(separator).append(parameter.getKey()).append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = "&";
        }
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token);
            attempt.headers().forEach(request::header);
            if (attempt.body() != null) {
                request.header("Content-Type", attempt.contentType());
            }
        } catch (IllegalArgumentException unsendable) {
            return null;
        }
        request.method(attempt.operation().method(), attempt.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(attempt.body()));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("The service dropped the connection for " + attempt, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
