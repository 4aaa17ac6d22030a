package dev.billforge.systemtest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import jakarta.json.JsonObject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.smallrye.graphql.client.GraphQLError;
import io.smallrye.graphql.client.Response;
import io.smallrye.graphql.client.dynamic.api.DynamicGraphQLClient;
import io.smallrye.graphql.client.vertx.dynamic.VertxDynamicGraphQLClientBuilder;

import dev.billforge.testsupport.TestTokens;
import dev.billforge.testsupport.webhooks.WebhookReceiver;

/**
 * console-service's GraphQL through the ingress, driven by SmallRye's dynamic GraphQL client with the tenants' own
 * tokens: every billing mutation against the real services, their error codes, another tenant's ids, the
 * request guard, an idempotent replay, and what a page of subscriptions costs in REST calls.
 */
class GraphQLSystemTest extends SystemTestBase {

    private final List<DynamicGraphQLClient> clients = new ArrayList<>();

    private DynamicGraphQLClient client(String token) {
        DynamicGraphQLClient client = new VertxDynamicGraphQLClientBuilder()
                .url(platform.gateway().resolve("/graphql").toString()).header("Authorization", "Bearer " + token)
                .build();
        clients.add(client);
        return client;
    }

    @AfterEach
    void closeClients() throws Exception {
        for (DynamicGraphQLClient client : clients) {
            client.close();
        }
    }

    private static Response run(DynamicGraphQLClient client, String document, Map<String, Object> variables) {
        try {
            return client.executeSync(document, variables);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The field's object of a response that must have no errors. */
    private static JsonObject data(Response response, String field) {
        assertFalse(response.hasError(), () -> "errors: " + response.getErrors());
        return response.getData().getJsonObject(field);
    }

    /** The one error of a response, checked for its code and status. */
    private static GraphQLError error(Response response, String code, int status) {
        assertTrue(response.hasError(), () -> "expected " + code + ", got " + response.getData());
        GraphQLError error = response.getErrors().get(0);
        assertEquals(code, error.getExtensions().get("code").toString().replace("\"", ""), error::toString);
        assertEquals(status, Integer.parseInt(error.getExtensions().get("status").toString()), error::toString);
        return error;
    }

    private static final String CREATE_CUSTOMER = """
            mutation($input: CreateCustomerInput!, $key: String) {
              createCustomer(input: $input, idempotencyKey: $key) { id billingEmail name }
            }""";

    private String createCustomer(DynamicGraphQLClient client, String email) {
        return data(run(client, CREATE_CUSTOMER, Map.of("input", Map.of("billingEmail", email, "name", "Ada"))),
                "createCustomer").getString("id");
    }

    private String createPlan(DynamicGraphQLClient client, String name, long amount) {
        return data(run(client, """
                mutation($input: CreatePlanInput!) { createPlan(input: $input) { id name amount } }""",
                Map.of("input", Map.of("name", name, "amount", amount, "currency", "USD", "interval", "month"))),
                "createPlan").getString("id");
    }

    private JsonObject subscription(DynamicGraphQLClient client, String id) {
        return data(run(client, """
                query($id: ID!) { subscription(id: $id) { id status cancelAtPeriodEnd plan { id name }
                  customer { billingEmail } invoices { status amountDue } latestInvoice { id status } } }""",
                Map.of("id", id)), "subscription");
    }

    @Test
    void everyBillingMutationWorksThroughGraphQL() {
        DynamicGraphQLClient admin = client(TestTokens.admin(tenant));
        // Customers: create, update (only what is sent changes), and a second one deleted
        String customer = createCustomer(admin, "ada+" + UUID.randomUUID() + "@example.com");
        JsonObject updated = data(run(admin, """
                mutation($id: ID!, $input: UpdateCustomerInput!) {
                  updateCustomer(id: $id, input: $input) { id name billingEmail taxCountry }
                }""", Map.of("id", customer, "input", Map.of("name", "Augusta Ada King", "taxCountry", "GB"))),
                "updateCustomer");
        assertEquals("Augusta Ada King", updated.getString("name"));
        assertTrue(updated.getString("billingEmail").startsWith("ada+"));
        String doomed = createCustomer(admin, "gone+" + UUID.randomUUID() + "@example.com");
        assertTrue(data(run(admin, "mutation($id: ID!) { deleteCustomer(id: $id) { id deleted } }",
                Map.of("id", doomed)), "deleteCustomer").getBoolean("deleted"));

        // A card, made the default
        JsonObject card = data(run(admin, """
                mutation($input: AttachPaymentMethodInput!) {
                  attachPaymentMethod(input: $input) { id provider default card { brand last4 } }
                }""", Map.of("input", Map.of("customerId", customer, "provider", "simulator", "token", "tok_visa"))),
                "attachPaymentMethod");
        assertEquals("4242", card.getJsonObject("card").getString("last4"));
        assertTrue(data(run(admin, "mutation($id: ID!) { setDefaultPaymentMethod(id: $id) { id default } }",
                Map.of("id", card.getString("id"))), "setDefaultPaymentMethod").getBoolean("default"));

        // Plans: create and rename
        String gold = createPlan(admin, "Gold monthly", 1999);
        String platinum = createPlan(admin, "Platinum monthly", 4999);
        assertEquals("Gold (monthly)", data(run(admin, """
                mutation($id: ID!, $input: UpdatePlanInput!) { updatePlan(id: $id, input: $input) { name } }""",
                Map.of("id", gold, "input", Map.of("name", "Gold (monthly)"))), "updatePlan").getString("name"));

        // Subscribe: the first invoice is paid with the card, the subscription becomes active
        String subscription = data(run(admin, """
                mutation($input: CreateSubscriptionInput!) { createSubscription(input: $input) { id status } }""",
                Map.of("input", Map.of("customerId", customer, "planId", gold))), "createSubscription").getString("id");
        JsonObject active = Awaitility.await("the subscription is active").atMost(FLOW_DEADLINE)
                .pollInterval(Duration.ofMillis(300)).until(() -> subscription(admin, subscription),
                        found -> found.getString("status").equals("active"));
        assertEquals("Gold (monthly)", active.getJsonObject("plan").getString("name"));
        assertTrue(active.getJsonObject("customer").getString("billingEmail").startsWith("ada+"));
        assertEquals("paid", active.getJsonObject("latestInvoice").getString("status"));
        assertEquals("paid", active.getJsonArray("invoices").getJsonObject(0).getString("status"));

        // Change plan (after its preview, which changes nothing), pause, resume, cancel at the period end
        JsonObject preview = data(run(admin, """
                query($id: ID!, $plan: ID!) {
                  planChangePreview(subscriptionId: $id, planId: $plan, prorationBehavior: "none") {
                    plan { id } prorationBehavior amount lines { amount } }
                }""", Map.of("id", subscription, "plan", platinum)), "planChangePreview");
        assertEquals(platinum, preview.getJsonObject("plan").getString("id"));
        assertEquals(0, preview.getJsonNumber("amount").longValue(), "none: nothing billed for the change");
        assertEquals(0, preview.getJsonArray("lines").size());
        assertEquals(platinum, data(run(admin, """
                mutation($id: ID!, $plan: ID!) {
                  changeSubscriptionPlan(id: $id, planId: $plan, prorationBehavior: "none") { plan { id } }
                }""", Map.of("id", subscription, "plan", platinum)), "changeSubscriptionPlan").getJsonObject("plan")
                .getString("id"));
        assertEquals("paused", data(run(admin, "mutation($id: ID!) { pauseSubscription(id: $id) { status } }",
                Map.of("id", subscription)), "pauseSubscription").getString("status"));
        assertEquals("active", data(run(admin, "mutation($id: ID!) { resumeSubscription(id: $id) { status } }",
                Map.of("id", subscription)), "resumeSubscription").getString("status"));
        JsonObject canceling = data(run(admin, """
                mutation($id: ID!) { cancelSubscription(id: $id, atPeriodEnd: true) { status cancelAtPeriodEnd } }""",
                Map.of("id", subscription)), "cancelSubscription");
        assertTrue(canceling.getBoolean("cancelAtPeriodEnd"));
        assertEquals("active", canceling.getString("status"));

        // A one-off invoice with its lines, finalized and paid now
        JsonObject draft = data(run(admin, """
                mutation($input: CreateInvoiceInput!) {
                  createInvoice(input: $input) { id status total lines { description quantity amount } }
                }""", Map.of("input", Map.of("customerId", customer, "currency", "usd",
                "collectionMethod", "send_invoice", "daysUntilDue", 30, "lines", List.of(
                        Map.of("description", "Onboarding workshop", "unitAmount", 150000),
                        Map.of("description", "Seats", "unitAmount", 1999, "quantity", 3))))), "createInvoice");
        assertEquals("draft", draft.getString("status"));
        assertEquals(155997, draft.getJsonNumber("total").longValue());
        assertEquals(2, draft.getJsonArray("lines").size());
        String invoice = draft.getString("id");
        JsonObject open = data(run(admin, "mutation($id: ID!) { finalizeInvoice(id: $id) { status number } }",
                Map.of("id", invoice)), "finalizeInvoice");
        assertEquals("open", open.getString("status"));
        assertTrue(open.getString("number").startsWith("INV-"));
        data(run(admin, "mutation($id: ID!) { payInvoice(id: $id) { id } }", Map.of("id", invoice)), "payInvoice");
        JsonObject paid = Awaitility.await("the one-off invoice is paid").atMost(FLOW_DEADLINE)
                .pollInterval(Duration.ofMillis(300)).until(() -> data(run(admin, """
                        query($id: ID!) { invoice(id: $id) { status amountPaid customer { id }
                          payments { id status amount } creditNotes { number } } }""", Map.of("id", invoice)),
                        "invoice"), found -> found.getString("status").equals("paid"));
        assertEquals(customer, paid.getJsonObject("customer").getString("id"));
        JsonObject payment = paid.getJsonArray("payments").getJsonObject(0);
        assertEquals("succeeded", payment.getString("status"));

        // The month's bill run counts the subscription's two period invoices (the first, and the new period resuming
        // started), both paid; one-off invoices are not renewals
        JsonObject billRun = data(run(admin, "{ billRun { month renewed paid failed } }", Map.of()), "billRun");
        assertEquals(2, billRun.getInt("renewed"), billRun::toString);
        assertEquals(2, billRun.getInt("paid"), billRun::toString);
        assertEquals(0, billRun.getInt("failed"), billRun::toString);

        // Refund part of the payment: a credit note follows
        JsonObject refund = data(run(admin, """
                mutation($id: ID!) { refundPayment(paymentId: $id, amount: 5000, reason: "requested_by_customer") {
                  id amount status } }""", Map.of("id", payment.getString("id"))), "refundPayment");
        assertEquals(5000, refund.getJsonNumber("amount").longValue());
        assertEquals("succeeded", refund.getString("status"));
        Awaitility.await("a credit note for the refund").atMost(FLOW_DEADLINE).pollInterval(Duration.ofMillis(300))
                .until(() -> data(run(admin, "query($id: ID!) { invoice(id: $id) { creditNotes { number } } }",
                        Map.of("id", invoice)), "invoice").getJsonArray("creditNotes").size() == 1);

        // Another one-off invoice, voided
        String second = data(run(admin, """
                mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { id } }""",
                Map.of("input", Map.of("customerId", customer, "currency", "usd", "collectionMethod", "send_invoice",
                        "daysUntilDue", 10, "lines", List.of(Map.of("description", "Extra", "unitAmount", 500))))),
                "createInvoice").getString("id");
        data(run(admin, "mutation($id: ID!) { finalizeInvoice(id: $id) { id } }", Map.of("id", second)),
                "finalizeInvoice");
        assertEquals("void", data(run(admin, "mutation($id: ID!) { voidInvoice(id: $id) { status } }",
                Map.of("id", second)), "voidInvoice").getString("status"));

        // A webhook endpoint: its secret is in the answer that created it
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            JsonObject endpoint = data(run(admin, """
                    mutation($input: CreateWebhookEndpointInput!) {
                      createWebhookEndpoint(input: $input) { id url eventTypes secret }
                    }""", Map.of("input", Map.of("url", receiver.url("/billing"), "eventTypes",
                    List.of("invoice.paid")))), "createWebhookEndpoint");
            assertTrue(endpoint.getString("secret").startsWith("whsec_"));
        }
    }

    @Test
    void problemsAreErrorsWithTheApisCodes() {
        DynamicGraphQLClient admin = client(TestTokens.admin(tenant));
        String customer = createCustomer(admin, "codes+" + UUID.randomUUID() + "@example.com");
        String plan = createPlan(admin, "Silver", 999);
        String subscribe = """
                mutation($input: CreateSubscriptionInput!) { createSubscription(input: $input) { id } }""";
        data(run(admin, subscribe, Map.of("input", Map.of("customerId", customer, "planId", plan))),
                "createSubscription");
        error(run(admin, subscribe, Map.of("input", Map.of("customerId", customer, "planId", plan))),
                "subscription_active", 409);

        GraphQLError invalid = error(run(admin, CREATE_CUSTOMER, Map.of("input", Map.of("billingEmail", "nope"))),
                "validation_failed", 400);
        assertTrue(invalid.getExtensions().get("errors").toString().contains("billing_email"), invalid::toString);

        error(run(admin, "query($id: ID!) { customer(id: $id) { id } }", Map.of("id", UUID.randomUUID().toString())),
                "customer_not_found", 404);
        error(run(client(TestTokens.reader(tenant)), CREATE_CUSTOMER,
                Map.of("input", Map.of("billingEmail", "r@example.com"))), "forbidden", 403);
    }

    @Test
    void anotherTenantsRecordsAreNotFound() {
        DynamicGraphQLClient owner = client(TestTokens.admin(tenant));
        String customer = createCustomer(owner, "mine+" + UUID.randomUUID() + "@example.com");
        String plan = createPlan(owner, "Bronze", 499);
        String subscription = data(run(owner, """
                mutation($input: CreateSubscriptionInput!) { createSubscription(input: $input) { id } }""",
                Map.of("input", Map.of("customerId", customer, "planId", plan))), "createSubscription").getString("id");

        DynamicGraphQLClient stranger = client(TestTokens.admin("tenant-" + UUID.randomUUID()));
        error(run(stranger, "query($id: ID!) { subscription(id: $id) { id } }", Map.of("id", subscription)),
                "subscription_not_found", 404);
        error(run(stranger, "query($id: ID!) { customer(id: $id) { id } }", Map.of("id", customer)),
                "customer_not_found", 404);
        error(run(stranger, "mutation($id: ID!) { cancelSubscription(id: $id) { id } }",
                Map.of("id", subscription)), "subscription_not_found", 404);
        assertEquals(0, data(run(stranger, "{ subscriptions(first: 100) { nodes { id } } }", Map.of()),
                "subscriptions").getJsonArray("nodes").size());
        assertNotEquals("canceled", subscription(owner, subscription).getString("status"), "the owner's is untouched");
    }

    @Test
    void hostileDocumentsAreRefusedThroughTheIngress() {
        DynamicGraphQLClient admin = client(TestTokens.admin(tenant));
        double before = upstreamCalls();
        String deep = "{ subscriptions { nodes { customer { subscriptions { customer { subscriptions { customer {"
                + " subscriptions { customer { subscriptions { id } } } } } } } } } } }";
        error(run(admin, deep, Map.of()), "query_too_complex", 400);
        StringBuilder aliases = new StringBuilder("{");
        for (int i = 0; i < 40; i++) {
            aliases.append(" p").append(i).append(": plans { nodes { id } }");
        }
        error(run(admin, aliases.append(" }").toString(), Map.of()), "query_too_complex", 400);
        error(run(client("not-a-token"), "{ __schema { types { name } } }", Map.of()), "unauthenticated", 401);
        assertEquals(before, upstreamCalls(), "no service was called");
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswer() {
        DynamicGraphQLClient admin = client(TestTokens.admin(tenant));
        String key = "onboard-" + UUID.randomUUID();
        Map<String, Object> input = Map.of("billingEmail", "once+" + UUID.randomUUID() + "@example.com");
        String first = data(run(admin, CREATE_CUSTOMER, Map.of("input", input, "key", key)), "createCustomer")
                .getString("id");
        String again = data(run(admin, CREATE_CUSTOMER, Map.of("input", input, "key", key)), "createCustomer")
                .getString("id");
        assertEquals(first, again);
        error(run(admin, CREATE_CUSTOMER, Map.of("input", Map.of("billingEmail", "other@example.com"), "key", key)),
                "idempotency_key_reused", 409);
        as(tenant).get("/v1/customers?limit=100").then().statusCode(200)
                .body("data.findAll { it.id == '" + first + "' }.size()", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void aPageOfFiftySubscriptionsCostsAFixedNumberOfRestCalls() {
        // 5 customers × 10 plans: 65 writes, over this platform's write quota per window, so each waits its turn
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            customers.add(throttled("/v1/customers", Map.of("billing_email", "page" + i + "@example.com")));
        }
        List<String> subscriptions = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            String plan = throttled("/v1/plans", Map.of("name", "Plan " + p, "amount", 100 + p, "currency", "USD",
                    "interval", "month"));
            for (String customer : customers) {
                subscriptions.add(throttled("/v1/subscriptions", Map.of("customer_id", customer, "plan_id", plan)));
            }
        }
        // Each subscription's first invoice (unpaid: no card) exists before the page is read
        Awaitility.await("50 first invoices").atMost(FLOW_DEADLINE).pollInterval(Duration.ofMillis(500))
                .until(() -> as(tenant).get("/v1/invoices?limit=100").then().statusCode(200).extract()
                        .<List<?>> path("data").size() == 50);

        DynamicGraphQLClient reader = client(TestTokens.reader(tenant));
        String page = """
                query($first: Int) { subscriptions(first: $first) { pageInfo { hasNextPage endCursor }
                  nodes { id status currentPeriodEnd plan { name amount } customer { billingEmail }
                    latestInvoice { number status amountDue } } } }""";
        for (int size : new int[] { 50, 10 }) {
            double before = upstreamCalls();
            JsonObject result = data(run(reader, page, Map.of("first", size)), "subscriptions");
            assertEquals(3, upstreamCalls() - before, "subscriptions, their customers, their latest invoices");
            var nodes = result.getJsonArray("nodes");
            assertEquals(size, nodes.size());
            for (int i = 0; i < nodes.size(); i++) {
                JsonObject node = nodes.getJsonObject(i);
                assertTrue(node.getJsonObject("customer").getString("billingEmail").startsWith("page"));
                assertNotNull(node.getJsonObject("latestInvoice"), node::toString);
                assertTrue(node.getJsonObject("latestInvoice").getString("number").startsWith("INV-"));
            }
            assertEquals(size < 50, result.getJsonObject("pageInfo").getBoolean("hasNextPage"));
        }
        assertEquals(50, subscriptions.size());

        // Each subscription's own invoice list is a call per subscription: 51 calls, past the budget of 50
        Response tooMany = run(reader, "{ subscriptions(first: 50) { nodes { id invoices(first: 1) { id } } } }",
                Map.of());
        error(tooMany, "query_too_complex", 400);
    }

    /** A POST that waits its turn when the tenant's write quota for the window is used up (429). */
    private String throttled(String path, Map<String, Object> body) {
        return Awaitility.await(path + " accepted").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    var response = given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                            .body(body).post(path);
                    if (response.statusCode() == 429) {
                        return null;
                    }
                    assertEquals(201, response.statusCode(), response.asString());
                    return response.<String> path("id");
                }, id -> id != null);
    }

    /** The REST calls console-service has made so far (its metric, read from the process itself). */
    private static double upstreamCalls() {
        String metrics = given().get(platform.console().resolve("/q/metrics")).then().statusCode(200).extract()
                .asString();
        return metrics.lines().filter(line -> line.startsWith("billforge_console_upstream_requests_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
