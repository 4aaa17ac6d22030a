package dev.billforge.invoicing.api;

import static dev.billforge.testsupport.ProblemAssertions.expectProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.billforge.events.EventCatalog;
import dev.billforge.events.subscription.PlanSnapshot;
import dev.billforge.events.subscription.SubscriptionPlanChanged;
import dev.billforge.events.subscription.SubscriptionRenewed;
import dev.billforge.events.subscription.SubscriptionSnapshot;
import dev.billforge.events.subscription.SubscriptionUpdated;
import dev.billforge.invoicing.Billing;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;

/** GET /v1/invoices/upcoming: the next renewal invoice, built as the real one will be, and nothing stored. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class UpcomingInvoiceTest {

    private final String tenant = "upcoming-" + UUID.randomUUID();
    private final UUID customer = UUID.randomUUID();

    private JsonPath upcoming(SubscriptionSnapshot subscription) {
        return given().auth().oauth2(TestTokens.reader(tenant)).queryParam("subscription_id", subscription.id())
                .get("/v1/invoices/upcoming").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void thePreviewIsTheNextPeriodWithPendingProrationsAndMatchesTheRenewalWhenItComes() {
        SubscriptionSnapshot subscription = Billing.subscription(customer, "active", 3000, "EUR");
        Billing.invoiceFor(tenant, subscription);

        JsonPath plain = upcoming(subscription);
        assertNull(plain.get("id"), "nothing was created");
        assertNull(plain.get("number"));
        assertEquals("draft", plain.getString("status"));
        assertEquals(subscription.id().toString(), plain.getString("subscription_id"));
        assertEquals(Billing.PERIOD_END.toString(), plain.getString("period_start"));
        assertEquals(Billing.NEXT_PERIOD_END.toString(), plain.getString("period_end"));
        assertEquals("Pro (Dec 25, 2026 \u2013 Jan 25, 2027)", plain.getString("lines[0].description"));
        assertEquals(3000, plain.getLong("amount_due"));

        // An upgrade made with create_prorations waits for the renewal: the preview shows it, on the new plan.
        var change = Billing.planChanged(tenant, subscription, new PlanSnapshot(UUID.randomUUID(), "Max", 6000, "EUR",
                "month", 1), SubscriptionPlanChanged.CREATE_PRORATIONS, Billing.PERIOD_START.plus(Duration.ofDays(10)),
                false, List.of(new SubscriptionPlanChanged.ProrationLine("Unused time on Pro", -2000,
                        Billing.PERIOD_START.plus(Duration.ofDays(10)), Billing.PERIOD_END),
                        new SubscriptionPlanChanged.ProrationLine("Remaining time on Max", 4000,
                                Billing.PERIOD_START.plus(Duration.ofDays(10)), Billing.PERIOD_END)));
        KafkaEvents.publish(change);
        JsonPath preview = Awaitility.await().atMost(Billing.DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> upcoming(subscription), found -> found.getLong("total") == 8000);
        assertEquals(List.of(6000, -2000, 4000), preview.getList("lines.amount"));
        assertEquals(1, Billing.invoiceIdsOf(tenant, subscription.id()).size(), "a preview invoices nothing");

        SubscriptionSnapshot onMax = change.data().subscription();
        KafkaEvents.publish(Billing.subscriptionRenewed(tenant, onMax, SubscriptionRenewed.SUBSCRIPTION_CYCLE,
                Billing.PERIOD_END, Billing.NEXT_PERIOD_END));
        String renewalId = Awaitility.await().atMost(Billing.DEADLINE)
                .until(() -> Billing.invoiceIdsOf(tenant, subscription.id()), ids -> ids.size() == 2).get(0);
        JsonPath renewal = given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/invoices/" + renewalId).then()
                .statusCode(200).extract().jsonPath();
        for (String field : List.of("lines.description", "lines.amount", "lines.period_start", "lines.period_end",
                "subtotal", "tax", "total", "starting_balance", "amount_due", "period_start", "period_end")) {
            assertEquals((Object) preview.get(field), renewal.get(field), field + " as previewed");
        }
    }

    @Test
    void aSubscriptionEndingAtItsPeriodEndHasNoUpcomingInvoice() {
        SubscriptionSnapshot subscription = Billing.subscription(customer, "active", 3000, "EUR");
        Billing.invoiceFor(tenant, subscription);
        SubscriptionSnapshot ending = new SubscriptionSnapshot(subscription.id(), customer, subscription.plan(),
                "active", subscription.currentPeriodStart(), subscription.currentPeriodEnd(), null, null, true, null,
                null, Map.of(), subscription.createdAt(), subscription.nextPeriodEnd());
        KafkaEvents.publish(KafkaEvents.envelope(EventCatalog.SUBSCRIPTION_UPDATED, "/subscription-service", tenant,
                subscription.id(), new SubscriptionUpdated(ending, "active", List.of("cancel_at_period_end"))));

        Awaitility.await().atMost(Billing.DEADLINE).untilAsserted(() -> expectProblem(given().auth()
                .oauth2(TestTokens.reader(tenant)).queryParam("subscription_id", subscription.id())
                .get("/v1/invoices/upcoming").then(), 409, "no_upcoming_invoice"));
    }

    @Test
    void onlyTheTenantsOwnSubscriptionIsPreviewed() {
        SubscriptionSnapshot subscription = Billing.subscription(customer, "active", 3000, "EUR");
        Billing.invoiceFor(tenant, subscription);

        expectProblem(given().auth().oauth2(TestTokens.reader("other-" + UUID.randomUUID()))
                .queryParam("subscription_id", subscription.id()).get("/v1/invoices/upcoming").then(), 404,
                "subscription_not_found");
        expectProblem(given().auth().oauth2(TestTokens.reader(tenant)).queryParam("subscription_id",
                UUID.randomUUID()).get("/v1/invoices/upcoming").then(), 404, "subscription_not_found");
        expectProblem(given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/invoices/upcoming").then(), 400,
                "validation_failed");
    }
}
