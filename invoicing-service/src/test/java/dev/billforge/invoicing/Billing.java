package dev.billforge.invoicing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.billforge.events.EventCatalog;
import dev.billforge.events.EventEnvelope;
import dev.billforge.events.payment.DunningExhausted;
import dev.billforge.events.payment.PaymentFailed;
import dev.billforge.events.payment.PaymentRefunded;
import dev.billforge.events.payment.PaymentSnapshot;
import dev.billforge.events.payment.PaymentSucceeded;
import dev.billforge.events.payment.RefundSnapshot;
import dev.billforge.events.subscription.PlanSnapshot;
import dev.billforge.events.subscription.SubscriptionCanceled;
import dev.billforge.events.subscription.SubscriptionCreated;
import dev.billforge.events.subscription.SubscriptionPlanChanged;
import dev.billforge.events.subscription.SubscriptionRenewed;
import dev.billforge.events.subscription.SubscriptionResumed;
import dev.billforge.events.subscription.SubscriptionSnapshot;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.TestTokens;

/**
 * Plays subscription-service and payment-service in tests: builds their events as they would publish them, and
 * waits (through the API) for the invoices those events make.
 */
public final class Billing {

    public static final Duration DEADLINE = Duration.ofSeconds(30);
    public static final Instant PERIOD_START = Instant.parse("2026-11-25T10:00:00Z");
    public static final Instant PERIOD_END = Instant.parse("2026-12-25T10:00:00Z");
    /** Where the period after the fixtures' current one ends (monthly plans). */
    public static final Instant NEXT_PERIOD_END = Instant.parse("2027-01-25T10:00:00Z");
    public static final String PLAN_NAME = "Pro";
    public static final String LINE_DESCRIPTION = "Pro (Nov 25, 2026 \u2013 Dec 25, 2026)";

    private Billing() {
    }

    /** A monthly subscription to the "Pro" plan at {@code amount} in {@code currency}, in its first period. */
    public static SubscriptionSnapshot subscription(UUID customerId, String status, long amount, String currency) {
        PlanSnapshot plan = new PlanSnapshot(UUID.randomUUID(), PLAN_NAME, amount, currency, "month", 1);
        boolean trialing = "trialing".equals(status);
        return new SubscriptionSnapshot(UUID.randomUUID(), customerId, plan, status, PERIOD_START, PERIOD_END,
                trialing ? PERIOD_START : null, trialing ? PERIOD_END : null, false, null, null, Map.of(),
                PERIOD_START, NEXT_PERIOD_END);
    }

    public static SubscriptionSnapshot subscription(UUID customerId, long amount) {
        return subscription(customerId, "incomplete", amount, "EUR");
    }

    public static EventEnvelope<SubscriptionCreated> subscriptionCreated(String tenant,
            SubscriptionSnapshot subscription) {
        return KafkaEvents.envelope(EventCatalog.SUBSCRIPTION_CREATED, "/subscription-service", tenant,
                subscription.id(), new SubscriptionCreated(subscription));
    }

    /** subscription-service's bill run: the subscription entered the period from {@code start} to {@code end}. */
    public static EventEnvelope<SubscriptionRenewed> subscriptionRenewed(String tenant,
            SubscriptionSnapshot subscription, String billingReason, Instant start, Instant end) {
        return KafkaEvents.envelope(EventCatalog.SUBSCRIPTION_RENEWED, "/subscription-service", tenant,
                subscription.id(), new SubscriptionRenewed(subscription, billingReason, start, end));
    }

    /** subscription-service's announcement that a paused subscription resumed with a new period. */
    public static EventEnvelope<SubscriptionResumed> subscriptionResumed(String tenant,
            SubscriptionSnapshot subscription, Instant start, Instant end) {
        return KafkaEvents.envelope(EventCatalog.SUBSCRIPTION_RESUMED, "/subscription-service", tenant,
                subscription.id(), new SubscriptionResumed(subscription, start, end));
    }

    /** subscription-service's announcement that the subscription moved to {@code plan} at {@code changedAt}. */
    public static EventEnvelope<SubscriptionPlanChanged> planChanged(String tenant, SubscriptionSnapshot subscription,
            PlanSnapshot plan, String behavior, Instant changedAt, boolean newPeriod,
            List<SubscriptionPlanChanged.ProrationLine> lines) {
        SubscriptionSnapshot after = new SubscriptionSnapshot(subscription.id(), subscription.customerId(), plan,
                "active", newPeriod ? changedAt : subscription.currentPeriodStart(),
                newPeriod ? changedAt.plus(Duration.ofDays(365)) : subscription.currentPeriodEnd(), null, null, false,
                null, null, Map.of(), subscription.createdAt(), newPeriod ? null : subscription.nextPeriodEnd());
        return KafkaEvents.envelope(EventCatalog.SUBSCRIPTION_PLAN_CHANGED, "/subscription-service", tenant,
                subscription.id(), new SubscriptionPlanChanged(after, subscription.plan(), behavior, changedAt,
                        newPeriod, lines));
    }

    /** subscription-service's announcement that the subscription ended, for {@code reason}. */
    public static EventEnvelope<SubscriptionCanceled> subscriptionCanceled(String tenant,
            SubscriptionSnapshot subscription, String reason) {
        return KafkaEvents.envelope(EventCatalog.SUBSCRIPTION_CANCELED, "/subscription-service", tenant,
                subscription.id(), new SubscriptionCanceled(subscription, subscription.status(), reason));
    }

    public static PaymentSnapshot payment(String invoiceId, long amount, String currency, int attempt, String status,
            String failureCode, String failureMessage) {
        return new PaymentSnapshot(UUID.randomUUID(), UUID.fromString(invoiceId), null, UUID.randomUUID(), amount,
                currency, 0, status, "simulator", null, null, attempt, failureCode, null, failureMessage, Instant.now());
    }

    public static EventEnvelope<PaymentSucceeded> paymentSucceeded(String tenant, String invoiceId, long amount,
            int attempt) {
        PaymentSnapshot payment = payment(invoiceId, amount, "EUR", attempt, "succeeded", null, null);
        return KafkaEvents.envelope(EventCatalog.PAYMENT_SUCCEEDED, "/payment-service", tenant, payment.id(),
                new PaymentSucceeded(payment));
    }

    public static EventEnvelope<PaymentFailed> paymentFailed(String tenant, String invoiceId, long amount, int attempt,
            Instant nextRetryAt) {
        PaymentSnapshot payment = payment(invoiceId, amount, "EUR", attempt, "failed", "card_declined",
                "Your card was declined.");
        return KafkaEvents.envelope(EventCatalog.PAYMENT_FAILED, "/payment-service", tenant, payment.id(),
                new PaymentFailed(payment, nextRetryAt));
    }

    /** payment-service's announcement that {@code amount} EUR of a payment of the invoice was given back. */
    public static EventEnvelope<PaymentRefunded> paymentRefunded(String tenant, String invoiceId, long paid,
            long amount) {
        PaymentSnapshot payment = payment(invoiceId, paid, "EUR", 1, "succeeded", null, null);
        RefundSnapshot refund = new RefundSnapshot(UUID.randomUUID(), payment.id(), payment.invoiceId(),
                payment.customerId(), amount, "EUR", "succeeded", "requested_by_customer", "api", "simulator",
                "re_sim_1", Instant.now());
        return KafkaEvents.envelope(EventCatalog.PAYMENT_REFUNDED, "/payment-service", tenant, payment.id(),
                new PaymentRefunded(payment, refund));
    }

    /** payment-service's announcement that dunning gave up on the invoice. */
    public static EventEnvelope<DunningExhausted> dunningExhausted(String tenant, String invoiceId, long amount) {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return KafkaEvents.envelope(EventCatalog.DUNNING_EXHAUSTED, "/payment-service", tenant,
                UUID.fromString(invoiceId), new DunningExhausted(UUID.fromString(invoiceId), null, UUID.randomUUID(),
                        amount, "EUR", 4, now.minus(Duration.ofDays(7)), now, "unpaid"));
    }

    /** Announces a new subscription and returns the id of the invoice it gets. */
    public static String invoiceFor(String tenant, SubscriptionSnapshot subscription) {
        KafkaEvents.publish(subscriptionCreated(tenant, subscription));
        return awaitInvoiceOf(tenant, subscription.id());
    }

    /** Announces a new subscription of {@code customerId} to a plan at {@code amount} EUR; returns its invoice id. */
    public static String invoiceFor(String tenant, UUID customerId, long amount) {
        return invoiceFor(tenant, subscription(customerId, amount));
    }

    /** Waits until the subscription's invoice can be read through the API; returns its id. */
    public static String awaitInvoiceOf(String tenant, UUID subscriptionId) {
        List<String> ids = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                .until(() -> invoiceIdsOf(tenant, subscriptionId), found -> !found.isEmpty());
        return ids.get(0);
    }

    public static List<String> invoiceIdsOf(String tenant, UUID subscriptionId) {
        return given().auth().oauth2(TestTokens.reader(tenant)).queryParam("subscription_id", subscriptionId)
                .get("/v1/invoices").then().statusCode(200).extract().path("data.id");
    }

    /** Waits until the invoice's {@code field} has {@code value} (a payment event was applied). */
    public static void awaitInvoiceField(String tenant, String invoiceId, String field, Object value) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> value.equals(given().auth()
                .oauth2(TestTokens.reader(tenant)).get("/v1/invoices/" + invoiceId).then().statusCode(200).extract()
                .path(field)));
    }
}
