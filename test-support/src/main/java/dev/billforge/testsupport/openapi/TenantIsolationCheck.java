package dev.billforge.testsupport.openapi;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.billforge.testsupport.TestTokens;

/**
 * The tenant-isolation test every service runs, generated from its OpenAPI document. Tenant A owns one record of
 * each collection (the service's test creates them and names them by collection: {@code customers}, ...). Then,
 * for every operation:
 * <ul>
 * <li>one naming A's records in its path or its body's {@code *_id} fields, made by tenant B's administrator, must
 * be 404 with a {@code *_not_found} code;</li>
 * <li>a list filter ({@code ?customer_id=}) naming A's record must list A's records for A and nothing for B.</li>
 * </ul>
 * An operation whose path names a collection without a record fails the test until the service's test creates
 * one, or lists the operation among those isolated otherwise (by the token alone, or by signature), with why.
 */
public final class TenantIsolationCheck {

    private final ApiDescription api;
    private final String owner;
    private final Map<String, String> ownersRecords = new LinkedHashMap<>();
    private final Map<String, String> ownersFilterValues = new LinkedHashMap<>();
    private final Map<String, String> isolatedOtherwise = new LinkedHashMap<>();

    public TenantIsolationCheck(ApiDescription api, String owner) {
        this.api = api;
        this.owner = owner;
    }

    /** One of the owner's records in {@code collection} (the path segment before its id). */
    public TenantIsolationCheck record(String collection, Object id) {
        ownersRecords.put(collection, id.toString());
        return this;
    }

    /** A value of a non-id list filter ({@code email}) that finds the owner's records. */
    public TenantIsolationCheck filterValue(String parameter, String value) {
        ownersFilterValues.put(parameter, value);
        return this;
    }

    /** Operations under {@code pathPrefix} are not reached by a record's id; {@code why} says what isolates them. */
    public TenantIsolationCheck isolatedOtherwise(String pathPrefix, String why) {
        isolatedOtherwise.put(pathPrefix, why);
        return this;
    }

    /** Runs every check; returns what was checked, one line each, or fails listing every leak at once. */
    public List<String> run() {
        String intruder = "intruder-" + UUID.randomUUID();
        String intruderToken = TestTokens.admin(intruder);
        ExampleValues values = new ExampleValues(api, ownersRecords::get);
        List<String> checked = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (ApiOperation operation : api.operations()) {
            if (isolatedOtherwise.keySet().stream().anyMatch(operation.path()::startsWith)) {
                continue;
            }
            Map<String, String> pathValues = new HashMap<>();
            boolean missing = false;
            for (ApiOperation.PathParameter parameter : operation.pathParameters()) {
                String id = ownersRecords.get(parameter.collection());
                if (id == null) {
                    failures.add(operation + ": no record of tenant A in '" + parameter.collection()
                            + "'; create one in the test, or declare the operation isolated otherwise");
                    missing = true;
                }
                pathValues.put(parameter.name(), id);
            }
            if (missing) {
                continue;
            }
            JsonNode body = operation.bodySchema() == null ? null : values.of(operation.bodySchema(), null);
            boolean namesForeignRecord = !pathValues.isEmpty() || (body != null && namesOwnersRecord(body));
            if (namesForeignRecord) {
                Response answer = send(request(intruderToken), operation, operation.expand(pathValues), body);
                String code = answer.contentType().startsWith("application/problem+json")
                        ? answer.jsonPath().getString("code") : null;
                if (answer.statusCode() != 404 || code == null || !code.endsWith("_not_found")) {
                    failures.add(operation + " by another tenant answered " + answer.statusCode() + " " + code
                            + " (expected 404 *_not_found): " + abbreviate(answer.asString()));
                } else {
                    checked.add(operation + " -> 404 " + code);
                }
            } else if (operation.isRead()) {
                checkFilters(operation, intruderToken, checked, failures);
            }
        }
        for (Map.Entry<String, String> record : ownersRecords.entrySet()) {
            checked.add("tenant A's " + record.getKey() + " " + record.getValue());
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("Tenant isolation broken or not covered:\n  " + String.join("\n  ", failures));
        }
        return checked;
    }

    private void checkFilters(ApiOperation list, String intruderToken, List<String> checked, List<String> failures) {
        for (ApiOperation.Parameter parameter : list.queryParameters()) {
            String collection = ExampleValues.collectionOf(parameter.name());
            String value = collection != null ? ownersRecords.get(collection)
                    : ownersFilterValues.get(parameter.name());
            if (value == null || parameter.name().equals("starting_after")) {
                continue;
            }
            int ownersCount = request(TestTokens.admin(owner)).queryParam(parameter.name(), value).get(list.path())
                    .then().statusCode(200).extract().jsonPath().getList("data").size();
            Response intruders = request(intruderToken).queryParam(parameter.name(), value).get(list.path());
            int intrudersCount = intruders.statusCode() == 200 ? intruders.jsonPath().getList("data").size() : -1;
            if (ownersCount == 0) {
                failures.add(list + "?" + parameter.name() + "= finds nothing for tenant A either: give A a record"
                        + " it finds, so the check means something");
            } else if (intrudersCount != 0) {
                failures.add(list + "?" + parameter.name() + "=<A's> answered another tenant " + intruders.statusCode()
                        + " with " + intrudersCount + " records: " + abbreviate(intruders.asString()));
            } else {
                checked.add(list + "?" + parameter.name() + "=<A's> -> A " + ownersCount + ", B 0");
            }
        }
    }

    private boolean namesOwnersRecord(JsonNode body) {
        for (Map.Entry<String, JsonNode> field : ExampleValues.fields(body).entrySet()) {
            String collection = ExampleValues.collectionOf(field.getKey());
            if (collection != null && ownersRecords.containsKey(collection)) {
                return true;
            }
        }
        return false;
    }

    private static RequestSpecification request(String token) {
        return given().auth().oauth2(token).header("Idempotency-Key", UUID.randomUUID().toString());
    }

    static Response send(RequestSpecification request, ApiOperation operation, String path, Object body) {
        if (body != null) {
            request = request.contentType(operation.bodyMediaType()).body(body.toString());
        }
        return request.request(operation.method(), path);
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
