package dev.billforge.console.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.billforge.testsupport.TestTokens;

/**
 * What the console refuses before calling anything. The services are not running here (their URLs point at a closed
 * port), so a request that got past the guard would show as an {@code upstream_unavailable} error and a counted call.
 */
@QuarkusTest
class GraphQLRequestGuardTest {

    private static final String TENANT = "tenant-guard";

    private static ValidatableResponse post(String token, String query) {
        var request = given().contentType(ContentType.JSON).body(Map.of("query", query));
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.post("/graphql").then();
    }

    private static ValidatableResponse refused(ValidatableResponse response, int status, String code) {
        return response.statusCode(status).contentType(ContentType.JSON).body("data", nullValue())
                .body("errors[0].extensions.code", equalTo(code)).body("errors[0].extensions.status", equalTo(status));
    }

    private static double upstreamCalls() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("billforge_console_upstream_requests_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void callersWithoutAValidTokenAreRefusedIntrospectionIncluded() {
        double before = upstreamCalls();
        refused(post(null, "{ customers { nodes { id } } }"), 401, "unauthenticated");
        refused(post(null, "{ __schema { types { name } } }"), 401, "unauthenticated");
        refused(post(TestTokens.forged(TENANT, TestTokens.ADMIN), "{ customers { nodes { id } } }"), 401,
                "unauthenticated");
        refused(post(TestTokens.expired(TENANT, TestTokens.ADMIN), "{ __type(name: \"Customer\") { name } }"), 401,
                "unauthenticated");
        given().get("/graphql/schema.graphql").then().statusCode(401);
        assertEquals(before, upstreamCalls(), "nothing was called");
    }

    @Test
    void authenticatedCallersMayIntrospectWithToolsStandardQuery() {
        // graphql-java's own introspection query, as GraphiQL and code generators send it: 13 levels deep
        post(TestTokens.reader(TENANT), graphql.introspection.IntrospectionQuery.INTROSPECTION_QUERY).statusCode(200)
                .body("data.__schema.queryType.name", equalTo("Query"))
                .body("data.__schema.mutationType.name", equalTo("Mutation"))
                .body("data.__schema.subscriptionType", nullValue())
                .body("data.__schema.types.name", hasItem("Subscription"));
    }

    @Test
    void whatTheGuardCannotReadIsRefusedNotPassedOn() {
        double before = upstreamCalls();
        String deep = "{ subscriptions { nodes { customer { subscriptions { customer { subscriptions { customer {"
                + " subscriptions { customer { subscriptions { id } } } } } } } } } } }";
        // A raw line feed inside the JSON string: not JSON, however lenient a GraphQL server might be with it
        refused(given().auth().oauth2(TestTokens.admin(TENANT)).contentType(ContentType.JSON)
                .body("{\"query\":\"" + deep.replace("{ customer", "{\n customer") + "\"}").post("/graphql").then(),
                400, "malformed_json");
        refused(given().auth().oauth2(TestTokens.admin(TENANT)).contentType(ContentType.JSON).body("[{\"query\":1}]")
                .post("/graphql").then(), 400, "malformed_json");
        refused(post(TestTokens.admin(TENANT), "{ customers { nodes { id }"), 400, "bad_request")
                .body("errors[0].message", containsString("does not parse"));
        assertEquals(before, upstreamCalls(), "nothing was called");
    }

    @Test
    void graphQLOverWebSocketIsNotOffered() {
        refused(given().auth().oauth2(TestTokens.admin(TENANT)).header("Connection", "Upgrade")
                .header("Upgrade", "websocket").header("Sec-WebSocket-Version", "13")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .header("Sec-WebSocket-Protocol", "graphql-transport-ws").get("/graphql").then(), 400, "bad_request");
    }

    @Test
    void documentsNestedTooDeepAreRefusedBeforeAnyCall() {
        double before = upstreamCalls();
        // 11 levels: subscriptions > nodes > customer > subscriptions > plan ... through fragments too
        String deep = "{ subscriptions { nodes { customer { subscriptions { customer { subscriptions { customer {"
                + " subscriptions { customer { subscriptions { id } } } } } } } } } } }";
        refused(post(TestTokens.admin(TENANT), deep), 400, "query_too_complex")
                .body("errors[0].message", containsString("deeper than 10"));
        String viaFragments = "query { subscriptions { ...A } } fragment A on Connection_Subscription { nodes { ...B } }"
                + " fragment B on Subscription { customer { subscriptions { customer { subscriptions { customer {"
                + " subscriptions { customer { subscriptions { id } } } } } } } } }";
        refused(post(TestTokens.admin(TENANT), viaFragments), 400, "query_too_complex");
        assertEquals(before, upstreamCalls(), "nothing was called");
    }

    @Test
    void tooManyAliasesOrFieldsAreRefused() {
        StringBuilder aliases = new StringBuilder("{");
        for (int i = 0; i < 31; i++) {
            aliases.append(" c").append(i).append(": customers { nodes { id } }");
        }
        refused(post(TestTokens.admin(TENANT), aliases.append(" }").toString()), 400, "query_too_complex")
                .body("errors[0].message", containsString("aliases"));
        // A fragment spread 2^10 times over: counting stops at the limit instead of expanding it all
        StringBuilder bomb = new StringBuilder("query { customers { nodes { ...F10 } } }");
        bomb.append(" fragment F0 on Customer { id name billingEmail }");
        for (int i = 1; i <= 10; i++) {
            bomb.append(" fragment F").append(i).append(" on Customer { ...F").append(i - 1).append(" ...F")
                    .append(i - 1).append(" }");
        }
        refused(post(TestTokens.admin(TENANT), bomb.toString()), 400, "query_too_complex")
                .body("errors[0].message", containsString("fields"));
    }

    @Test
    void aBodyOverTheLimitIsRefused() {
        String padding = " ".repeat(70_000);
        refused(post(TestTokens.admin(TENANT), "{ customers { nodes { id } } }" + padding), 413, "request_too_large");
    }

    @Test
    void aServiceThatDoesNotAnswerIsAnErrorWithACode() {
        double before = upstreamCalls();
        post(TestTokens.admin(TENANT), "{ customers { nodes { id } } }").statusCode(200)
                .body("data.customers", nullValue())
                .body("errors[0].extensions.code", equalTo("upstream_unavailable"))
                .body("errors[0].extensions.status", equalTo(502))
                .body("errors[0].path[0]", equalTo("customers"));
        assertEquals(before + 1, upstreamCalls());
    }

    @Test
    void malformedIdsAreNotFoundWithoutACall() {
        double before = upstreamCalls();
        post(TestTokens.admin(TENANT), "{ customer(id: \"../../v1/plans\") { id } }").statusCode(200)
                .body("errors[0].extensions.code", equalTo("customer_not_found"))
                .body("errors[0].extensions.status", equalTo(404));
        post(TestTokens.admin(TENANT), "{ customers(first: 101) { nodes { id } } }").statusCode(200)
                .body("errors[0].extensions.code", equalTo("validation_failed"))
                .body("errors[0].extensions.errors[0].field", equalTo("first"));
        assertEquals(before, upstreamCalls(), "nothing was called");
    }
}
