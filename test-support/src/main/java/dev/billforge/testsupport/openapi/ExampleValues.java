package dev.billforge.testsupport.openapi;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Plausible values for a schema: every required field, each as valid as the schema says (type, format, enum,
 * pattern, bounds). Fields ending in {@code _id} take the id the caller supplies for that collection
 * ({@code customer_id} asks for {@code customers}), so a body can point at another tenant's records.
 */
public final class ExampleValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** What a field of this name holds, tried first. */
    private static final Map<String, String> HINTS = Map.of("email", "ada@example.com", "currency", "USD",
            "country", "US", "provider", "simulator", "token", "tok_visa", "interval", "month",
            "url", "https://hooks.example.com/billforge");
    /** Otherwise, strings tried in order against the field's pattern and lengths. */
    private static final List<String> CANDIDATES = List.of("Gold", "x", "USD", "US", "month", "simulator",
            "tok_visa", "ada@example.com", "https://hooks.example.com/billforge", "invoice.finalized");

    private final ApiDescription api;
    private final Function<String, String> idForCollection;

    /** @param idForCollection the id to use for a collection ({@code customers}), or null for a fresh UUID */
    public ExampleValues(ApiDescription api, Function<String, String> idForCollection) {
        this.api = api;
        this.idForCollection = idForCollection;
    }

    /** The collection a field or query parameter named {@code customer_id} refers to: {@code customers}. */
    public static String collectionOf(String name) {
        if (!name.endsWith("_id")) {
            return null;
        }
        return name.substring(0, name.length() - 3).replace('_', '-') + "s";
    }

    public JsonNode of(JsonNode schema, String name) {
        JsonNode resolved = api.resolve(schema);
        if (resolved == null) {
            return NODES.textNode("x");
        }
        if (resolved.has("enum") && resolved.get("enum").size() > 0) {
            return resolved.get("enum").get(0);
        }
        return switch (typeOf(resolved)) {
            case "object" -> object(resolved);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int items = Math.max(1, resolved.path("minItems").asInt(1));
                for (int i = 0; i < items; i++) {
                    array.add(of(resolved.path("items"), name));
                }
                yield array;
            }
            case "integer", "number" -> NODES.numberNode(number(resolved));
            case "boolean" -> NODES.booleanNode(true);
            default -> NODES.textNode(string(resolved, name));
        };
    }

    private ObjectNode object(JsonNode schema) {
        ObjectNode object = NODES.objectNode();
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            String field = required.asText();
            object.set(field, of(properties.path(field), field));
        }
        return object;
    }

    private static long number(JsonNode schema) {
        long value = schema.has("minimum") ? (long) Math.ceil(schema.get("minimum").asDouble()) : 1;
        if (schema.has("exclusiveMinimum") && schema.get("exclusiveMinimum").isNumber()
                && value <= schema.get("exclusiveMinimum").asDouble()) {
            value = (long) Math.floor(schema.get("exclusiveMinimum").asDouble()) + 1;
        }
        return schema.has("maximum") ? Math.min(value, (long) schema.get("maximum").asDouble()) : value;
    }

    private String string(JsonNode schema, String name) {
        String format = schema.path("format").asText("");
        String collection = name == null ? null : collectionOf(name);
        if (format.equals("uuid") || collection != null) {
            String id = collection == null ? null : idForCollection.apply(collection);
            return id != null ? id : UUID.randomUUID().toString();
        }
        switch (format) {
            case "date-time":
                return "2030-01-01T00:00:00Z";
            case "date":
                return "2030-01-01";
            case "email":
                return "ada@example.com";
            case "duration":
                return "P1D";
            default:
                break;
        }
        String pattern = schema.path("pattern").asText(null);
        String hint = name == null ? null : HINTS.get(name.contains("email") ? "email" : name);
        if (hint != null && fits(hint, schema, pattern)) {
            return hint;
        }
        for (String candidate : CANDIDATES) {
            if (fits(candidate, schema, pattern)) {
                return candidate;
            }
        }
        return "x".repeat(Math.max(1, schema.path("minLength").asInt(1)));
    }

    private static boolean fits(String candidate, JsonNode schema, String pattern) {
        return (pattern == null || java.util.regex.Pattern.compile(pattern).matcher(candidate).find())
                && candidate.length() >= schema.path("minLength").asInt(0)
                && candidate.length() <= schema.path("maxLength").asInt(Integer.MAX_VALUE);
    }

    /** The schema's type, the first non-null one when OpenAPI 3.1 lists several. */
    public static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (Iterator<JsonNode> types = type.elements(); types.hasNext();) {
                String one = types.next().asText();
                if (!one.equals("null")) {
                    return one;
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : "string";
    }

    /** A value of each JSON type but the schema's: what a client with the wrong idea of a field sends. */
    public static List<JsonNode> wrongTypesFor(JsonNode schema) {
        String type = schema == null ? "string" : typeOf(schema);
        List<JsonNode> all = List.of(NODES.textNode("not-" + type), NODES.numberNode(-1), NODES.booleanNode(false),
                NODES.arrayNode().add(1), NODES.objectNode().put("nested", true), NODES.nullNode());
        return all.stream().filter(value -> !matches(type, value)).toList();
    }

    private static boolean matches(String type, JsonNode value) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer", "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> false;
        };
    }

    static Map<String, JsonNode> fields(JsonNode object) {
        Map<String, JsonNode> fields = new java.util.LinkedHashMap<>();
        object.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue()));
        return fields;
    }
}
