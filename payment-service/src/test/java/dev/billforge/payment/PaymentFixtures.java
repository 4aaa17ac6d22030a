package dev.billforge.payment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;

import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.events.EventCatalog;
import dev.billforge.events.EventEnvelope;
import dev.billforge.events.customer.CustomerCreated;
import dev.billforge.events.customer.CustomerSnapshot;
import dev.billforge.events.invoice.InvoiceFinalized;
import dev.billforge.events.invoice.InvoiceLine;
import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.TestTokens;

/** Plays customer-service and invoicing-service for payment-service's tests, and attaches payment methods. */
public final class PaymentFixtures {

    private PaymentFixtures() {
    }

    /** Publishes {@code customer.created} for a brand-new customer, as customer-service would, and returns its id. */
    public static UUID publishCustomer(String tenant) {
        UUID id = TimeOrderedIds.next();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        KafkaEvents.publish(KafkaEvents.envelope(EventCatalog.CUSTOMER_CREATED, "/customer-service", tenant, id,
                new CustomerCreated(new CustomerSnapshot(id, "billing@example.com", "Ada", null, null, null, null,
                        Map.of(), now, now))));
        return id;
    }

    /** A Stripe secret key and webhook signing secret as a tenant would PUT them (test mode). */
    public static final String STRIPE_SECRET_KEY = "sk_test_51BillforgeStandInKey0000000000";
    public static final String STRIPE_SIGNING_SECRET = "whsec_billforgeStandInSigningSecret";

    /** A PayPal REST app as a tenant would PUT it (sandbox); the stand-in accepts any client id but one. */
    public static final String PAYPAL_CLIENT_ID = "AbStandInClientId";
    public static final String PAYPAL_CLIENT_SECRET = "EStandInClientSecret0000";
    public static final String PAYPAL_WEBHOOK_ID = "8PT597110X687430LKGECATA";

    /** Configures the tenant's PayPal app (sandbox). */
    public static void configurePayPal(String tenant) {
        given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body(Map.of("client_id", PAYPAL_CLIENT_ID, "client_secret", PAYPAL_CLIENT_SECRET, "webhook_id",
                        PAYPAL_WEBHOOK_ID, "mode", "sandbox"))
                .put("/v1/provider-accounts/paypal").then().statusCode(200);
    }

    /** Attaches a simulator payment method with {@code token} and returns its id. */
    public static String attach(String tenant, UUID customerId, String token) {
        return attach(tenant, customerId, "simulator", token);
    }

    /** Attaches {@code token} of {@code provider} and returns the payment method's id. */
    public static String attach(String tenant, UUID customerId, String provider, String token) {
        return given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body("{\"customer_id\":\"" + customerId + "\",\"provider\":\"" + provider + "\",\"token\":\""
                        + token + "\"}")
                .post("/v1/payment-methods").then().statusCode(201).extract().path("id");
    }

    /** Configures the tenant's Stripe account (the stand-in accepts any key). */
    public static void configureStripe(String tenant) {
        given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body(Map.of("secret_key", STRIPE_SECRET_KEY, "webhook_signing_secret", STRIPE_SIGNING_SECRET))
                .put("/v1/provider-accounts/stripe").then().statusCode(200);
    }

    /**
     * A payment captured from a new customer's {@code token} for a new invoice of {@code amount} USD cents, as the
     * API shows it once settled.
     */
    public static Map<String, Object> capturedPayment(String tenant, String provider, String token, long amount) {
        return settledPayment(tenant, publishCustomer(tenant), provider, token, amount, "succeeded");
    }

    /** The payment of a new invoice charged to {@code customer}'s {@code token}, once it is {@code status}. */
    public static Map<String, Object> settledPayment(String tenant, UUID customer, String provider, String token,
            long amount, String status) {
        attach(tenant, customer, provider, token);
        InvoiceSnapshot invoice = invoice(customer, amount, 0);
        KafkaEvents.publish(finalized(tenant, invoice));
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<Map<String, Object>> found = given().auth().oauth2(TestTokens.reader(tenant))
                    .queryParam("invoice_id", invoice.id().toString()).get("/v1/payments").then().statusCode(200)
                    .extract().path("data");
            return found.isEmpty() ? null : found.get(0);
        }, payment -> payment != null && status.equals(payment.get("status")));
    }

    /** A just-finalized subscription invoice of {@code amountRemaining} USD cents. */
    public static InvoiceSnapshot invoice(UUID customerId, long amountRemaining, int attemptCount) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant periodEnd = now.plus(30, ChronoUnit.DAYS);
        return new InvoiceSnapshot(UUID.randomUUID(), "INV-" + UUID.randomUUID().toString().substring(0, 8),
                customerId, UUID.randomUUID(), "open", "USD", amountRemaining, 0, amountRemaining, amountRemaining, 0L,
                0L, attemptCount,
                LocalDate.now(), now, periodEnd,
                List.of(new InvoiceLine("Gold monthly", 1, amountRemaining, amountRemaining, now, periodEnd, false)),
                now, null, now, InvoiceSnapshot.CHARGE_AUTOMATICALLY, null, null, null);
    }

    public static EventEnvelope<InvoiceFinalized> finalized(String tenant, InvoiceSnapshot invoice) {
        return KafkaEvents.envelope(EventCatalog.INVOICE_FINALIZED, "/invoicing-service", tenant, invoice.id(),
                new InvoiceFinalized(invoice));
    }
}
