package dev.billforge.testsupport.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One operation of a service's OpenAPI document: what the generated tests call.
 *
 * @param bodyMediaType the request body's media type, null when the operation takes none
 * @param bodySchema the body's schema with references resolved at the top, null without a body
 */
public record ApiOperation(String method, String path, List<Parameter> parameters, String bodyMediaType,
        JsonNode bodySchema) {

    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    /** A path or query parameter. */
    public record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    /** The path's parameters in order, each with the collection segment before it ({@code customers} for {id}). */
    public List<PathParameter> pathParameters() {
        List<PathParameter> found = new ArrayList<>();
        Matcher matcher = TEMPLATE.matcher(path);
        while (matcher.find()) {
            String before = path.substring(0, matcher.start() - 1);
            found.add(new PathParameter(matcher.group(1), before.substring(before.lastIndexOf('/') + 1)));
        }
        return found;
    }

    /** A path parameter and the collection it names a member of. */
    public record PathParameter(String name, String collection) {
    }

    public List<Parameter> queryParameters() {
        return parameters.stream().filter(parameter -> parameter.in().equals("query")).toList();
    }

    /** The path with each parameter replaced (values are used as given: callers pick safe ones or mean harm). */
    public String expand(Map<String, String> values) {
        Matcher matcher = TEMPLATE.matcher(path);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(values.getOrDefault(matcher.group(1), "")));
        }
        matcher.appendTail(expanded);
        return expanded.toString();
    }

    public boolean isRead() {
        return method.equals("GET");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
