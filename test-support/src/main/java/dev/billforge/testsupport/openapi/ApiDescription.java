package dev.billforge.testsupport.openapi;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A running service's API as its own OpenAPI document ({@code /q/openapi}) describes it: the generated tenant-isolation
 * and fuzz tests walk every operation in it, so a new endpoint is covered the day it is added.
 */
public final class ApiDescription {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    private final JsonNode document;
    private final List<ApiOperation> operations;

    private ApiDescription(JsonNode document) {
        this.document = document;
        List<ApiOperation> found = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    found.add(operation(method, path.getKey(), path.getValue(), operation));
                }
            }
        }
        this.operations = List.copyOf(found);
    }

    /** Reads the document of the service RestAssured points at (a {@code @QuarkusTest}'s application). */
    public static ApiDescription ofRunningService() {
        try {
            return new ApiDescription(JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then()
                    .statusCode(200).extract().asString()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("The service's OpenAPI document is not JSON", e);
        }
    }

    /** The service's own operations (the {@code /v1} API; health, metrics and the document itself are not). */
    public List<ApiOperation> operations() {
        return operations.stream().filter(operation -> operation.path().startsWith("/v1/")).toList();
    }

    /** A schema with its {@code $ref} (and single-schema {@code allOf}/{@code anyOf} wrappers) resolved. */
    public JsonNode resolve(JsonNode schema) {
        if (schema == null || schema.isMissingNode()) {
            return null;
        }
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().substring("#/components/schemas/".length());
            return resolve(document.path("components").path("schemas").path(name));
        }
        for (String wrapper : List.of("allOf", "anyOf", "oneOf")) {
            if (schema.has(wrapper)) {
                for (JsonNode option : schema.get(wrapper)) {
                    if (!"null".equals(option.path("type").asText())) {
                        return resolve(option);
                    }
                }
            }
        }
        return schema;
    }

    private ApiOperation operation(String method, String path, JsonNode pathItem, JsonNode operation) {
        List<ApiOperation.Parameter> parameters = new ArrayList<>();
        for (JsonNode source : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
            for (JsonNode parameter : source) {
                parameters.add(new ApiOperation.Parameter(parameter.path("name").asText(),
                        parameter.path("in").asText(), parameter.path("required").asBoolean(false),
                        resolve(parameter.path("schema"))));
            }
        }
        String mediaType = null;
        JsonNode schema = null;
        Iterator<Map.Entry<String, JsonNode>> content = operation.path("requestBody").path("content").fields();
        if (content.hasNext()) {
            Map.Entry<String, JsonNode> first = content.next();
            mediaType = first.getKey();
            schema = resolve(first.getValue().path("schema"));
        }
        return new ApiOperation(method.toUpperCase(java.util.Locale.ROOT), path, List.copyOf(parameters), mediaType,
                schema);
    }
}
