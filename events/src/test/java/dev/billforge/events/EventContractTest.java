package dev.billforge.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.billforge.events.balance.CustomerBalanceChanged;
import dev.billforge.events.creditnote.CreditNoteIssued;
import dev.billforge.events.creditnote.CreditNoteSnapshot;
import dev.billforge.events.customer.CustomerCreated;
import dev.billforge.events.customer.CustomerDeleted;
import dev.billforge.events.customer.CustomerSnapshot;
import dev.billforge.events.customer.CustomerUpdated;
import dev.billforge.events.customer.PostalAddress;
import dev.billforge.events.invoice.InvoiceFinalized;
import dev.billforge.events.invoice.InvoiceMarkedUncollectible;
import dev.billforge.events.invoice.InvoiceDocumentDetails;
import dev.billforge.events.invoice.InvoiceLine;
import dev.billforge.events.invoice.InvoiceParty;
import dev.billforge.events.invoice.InvoiceTaxRate;
import dev.billforge.events.invoice.InvoicePaid;
import dev.billforge.events.invoice.InvoicePaymentRequested;
import dev.billforge.events.invoice.InvoiceVoided;
import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.events.payment.DisputeSnapshot;
import dev.billforge.events.payment.DunningExhausted;
import dev.billforge.events.payment.PaymentActionRequired;
import dev.billforge.events.payment.PaymentDisputeClosed;
import dev.billforge.events.payment.PaymentDisputeOpened;
import dev.billforge.events.payment.PaymentFailed;
import dev.billforge.events.payment.PaymentRefunded;
import dev.billforge.events.payment.PaymentSnapshot;
import dev.billforge.events.payment.PaymentSucceeded;
import dev.billforge.events.payment.RefundSnapshot;
import dev.billforge.events.revenue.RevenueRecognized;
import dev.billforge.events.subscription.PlanSnapshot;
import dev.billforge.events.subscription.SubscriptionCanceled;
import dev.billforge.events.subscription.SubscriptionCreated;
import dev.billforge.events.subscription.SubscriptionPaused;
import dev.billforge.events.subscription.SubscriptionPlanChanged;
import dev.billforge.events.subscription.SubscriptionRenewed;
import dev.billforge.events.subscription.SubscriptionResumed;
import dev.billforge.events.subscription.SubscriptionSnapshot;
import dev.billforge.events.subscription.SubscriptionTrialWillEnd;
import dev.billforge.events.subscription.SubscriptionUpdated;

/** Keeps the records and the published JSON Schemas in agreement: a drift on either side fails here. */
class EventContractTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(EventType.SCHEMA_ID_BASE,
                    "classpath:" + EventType.SCHEMA_RESOURCE_DIR)));

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30.123456Z");
    private static final CustomerSnapshot CUSTOMER = new CustomerSnapshot(UUID.randomUUID(), "ada@example.com",
            "Ada Lovelace", "user-1", "pm_123", new PostalAddress("1 Main St", null, "London", null, "N1 9GU", "GB"),
            "GB", Map.of("plan", "gold"), NOW, NOW);

    private static final Instant PERIOD_END = Instant.parse("2026-12-25T10:15:30.123456Z");
    private static final SubscriptionSnapshot SUBSCRIPTION = new SubscriptionSnapshot(UUID.randomUUID(), CUSTOMER.id(),
            new PlanSnapshot(UUID.randomUUID(), "Gold monthly", 1999, "USD", "month", 1), "active", NOW, PERIOD_END,
            null, null, false, null, null, Map.of(), NOW, Instant.parse("2027-01-25T10:15:30.123456Z"));
    private static final InvoiceSnapshot INVOICE = new InvoiceSnapshot(UUID.randomUUID(), "INV-000001", CUSTOMER.id(),
            SUBSCRIPTION.id(), "paid", "USD", 1999, 1999, 0, 1999L, 0L, 0L, 1, LocalDate.of(2026, 11, 25), NOW,
            PERIOD_END,
            List.of(new InvoiceLine("Gold monthly", 1, 1999, 1999, NOW, PERIOD_END, false)), NOW, NOW, NOW,
            InvoiceSnapshot.CHARGE_AUTOMATICALLY, 1999L, 0L, new InvoiceDocumentDetails(
                    new InvoiceParty("Acme GmbH", "billing@acme.example", "DE123456789",
                            new PostalAddress("Torstr. 1", null, "Berlin", null, "10119", "DE")),
                    new InvoiceParty("Ada Lovelace", "ada@example.com", null, null),
                    new InvoiceTaxRate("VAT", "DE", null, "19", false), "IBAN DE89 3704 0044 0532 0130 00"));
    private static final PaymentSnapshot DECLINED = new PaymentSnapshot(UUID.randomUUID(), INVOICE.id(),
            SUBSCRIPTION.id(), CUSTOMER.id(), 1999, "USD", 0, "failed", "simulator", "ch_sim_1", UUID.randomUUID(), 1,
            "card_declined", "insufficient_funds", "Your card has insufficient funds.", NOW);
    private static final PaymentSnapshot CAPTURED = new PaymentSnapshot(UUID.randomUUID(), INVOICE.id(),
            SUBSCRIPTION.id(), CUSTOMER.id(), 1999, "USD", 500, "succeeded", "simulator", "ch_sim_2", UUID.randomUUID(), 2,
            null, null, null, NOW);
    private static final PaymentSnapshot AWAITING_AUTHENTICATION = new PaymentSnapshot(UUID.randomUUID(), INVOICE.id(),
            SUBSCRIPTION.id(), CUSTOMER.id(), 1999, "USD", 0, "requires_action", "stripe", "pi_3", UUID.randomUUID(), 1,
            "authentication_required", null, "Your bank asks you to confirm this payment.", NOW);
    private static final RefundSnapshot REFUND = new RefundSnapshot(UUID.randomUUID(), CAPTURED.id(), INVOICE.id(),
            CUSTOMER.id(), 500, "USD", "succeeded", "requested_by_customer", "provider", "stripe", "re_1", NOW);
    private static final DisputeSnapshot DISPUTE = new DisputeSnapshot(UUID.randomUUID(), CAPTURED.id(), INVOICE.id(),
            CUSTOMER.id(), 1999, "USD", "fraudulent", "needs_response", "stripe", "dp_1", NOW, null);
    private static final CreditNoteSnapshot CREDIT_NOTE = new CreditNoteSnapshot(UUID.randomUUID(), "CN-000001",
            INVOICE.id(), INVOICE.number(), CUSTOMER.id(), CAPTURED.id(), REFUND.id(), 500, "USD", null, NOW, 83L);

    private static final Map<EventType<?>, Object> SAMPLES = Map.ofEntries(
            Map.entry(EventCatalog.CUSTOMER_CREATED, new CustomerCreated(CUSTOMER)),
            Map.entry(EventCatalog.CUSTOMER_UPDATED, new CustomerUpdated(CUSTOMER, List.of("billing_email", "name"))),
            Map.entry(EventCatalog.CUSTOMER_DELETED, new CustomerDeleted(CUSTOMER.id(), NOW)),
            Map.entry(EventCatalog.SUBSCRIPTION_CREATED, new SubscriptionCreated(SUBSCRIPTION)),
            Map.entry(EventCatalog.SUBSCRIPTION_UPDATED, new SubscriptionUpdated(SUBSCRIPTION, "incomplete",
                    List.of("status"))),
            Map.entry(EventCatalog.SUBSCRIPTION_CANCELED, new SubscriptionCanceled(SUBSCRIPTION, "active",
                    SubscriptionCanceled.CANCELLATION_REQUESTED)),
            Map.entry(EventCatalog.INVOICE_VOIDED, new InvoiceVoided(INVOICE)),
            Map.entry(EventCatalog.SUBSCRIPTION_TRIAL_WILL_END, new SubscriptionTrialWillEnd(SUBSCRIPTION)),
            Map.entry(EventCatalog.SUBSCRIPTION_RENEWED, new SubscriptionRenewed(SUBSCRIPTION,
                    SubscriptionRenewed.SUBSCRIPTION_CYCLE, NOW, PERIOD_END)),
            Map.entry(EventCatalog.SUBSCRIPTION_PAUSED, new SubscriptionPaused(SUBSCRIPTION, "past_due")),
            Map.entry(EventCatalog.SUBSCRIPTION_RESUMED, new SubscriptionResumed(SUBSCRIPTION, NOW, PERIOD_END)),
            Map.entry(EventCatalog.SUBSCRIPTION_PLAN_CHANGED, new SubscriptionPlanChanged(SUBSCRIPTION,
                    new PlanSnapshot(UUID.randomUUID(), "Silver monthly", 999, "USD", "month", 1),
                    SubscriptionPlanChanged.ALWAYS_INVOICE, NOW, false, List.of(
                            new SubscriptionPlanChanged.ProrationLine("Unused time on Silver", -500, NOW, PERIOD_END),
                            new SubscriptionPlanChanged.ProrationLine("Remaining time on Gold", 1000, NOW,
                                    PERIOD_END)))),
            Map.entry(EventCatalog.INVOICE_FINALIZED, new InvoiceFinalized(INVOICE)),
            Map.entry(EventCatalog.INVOICE_PAID, new InvoicePaid(INVOICE, UUID.randomUUID())),
            Map.entry(EventCatalog.PAYMENT_SUCCEEDED, new PaymentSucceeded(CAPTURED)),
            Map.entry(EventCatalog.PAYMENT_FAILED, new PaymentFailed(DECLINED, null)),
            Map.entry(EventCatalog.PAYMENT_ACTION_REQUIRED, new PaymentActionRequired(AWAITING_AUTHENTICATION)),
            Map.entry(EventCatalog.PAYMENT_REFUNDED, new PaymentRefunded(CAPTURED, REFUND)),
            Map.entry(EventCatalog.PAYMENT_DISPUTE_OPENED, new PaymentDisputeOpened(CAPTURED, DISPUTE)),
            Map.entry(EventCatalog.PAYMENT_DISPUTE_CLOSED, new PaymentDisputeClosed(CAPTURED, new DisputeSnapshot(
                    DISPUTE.id(), CAPTURED.id(), INVOICE.id(), CUSTOMER.id(), 1999, "USD", "fraudulent", "lost",
                    "stripe", "dp_1", NOW, NOW))),
            Map.entry(EventCatalog.CREDIT_NOTE_ISSUED, new CreditNoteIssued(CREDIT_NOTE, 500)),
            Map.entry(EventCatalog.DUNNING_EXHAUSTED, new DunningExhausted(INVOICE.id(), SUBSCRIPTION.id(),
                    CUSTOMER.id(), 1999, "USD", 4, NOW, PERIOD_END, "unpaid")),
            Map.entry(EventCatalog.INVOICE_MARKED_UNCOLLECTIBLE, new InvoiceMarkedUncollectible(INVOICE)),
            Map.entry(EventCatalog.INVOICE_PAYMENT_REQUESTED, new InvoicePaymentRequested(INVOICE, null, NOW)),
            Map.entry(EventCatalog.CUSTOMER_BALANCE_CHANGED, new CustomerBalanceChanged(CUSTOMER.id(), "USD", -2000,
                    -2000, 1, CustomerBalanceChanged.INVOICE_FINALIZED, INVOICE.id(), NOW)),
            Map.entry(EventCatalog.REVENUE_RECOGNIZED, new RevenueRecognized("2026-11",
                    Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"),
                    List.of(new RevenueRecognized.CurrencyRevenue("USD", 16_648, 33_352),
                            new RevenueRecognized.CurrencyRevenue("JPY", -500, 0)))));

    @Test
    void everyCatalogedTypeHasASampleAndASchemaOnTheClasspath() {
        for (EventType<?> type : EventCatalog.ALL) {
            assertTrue(SAMPLES.containsKey(type), "no sample for " + type.name());
            assertNotNull(getClass().getClassLoader().getResource(type.schemaResource()), type.schemaResource());
        }
    }

    @Test
    void everySampleSerializesToItsSchemaInsideAValidEnvelope() throws Exception {
        JsonSchema envelopeSchema = SCHEMAS.getSchema(SchemaLocation.of(EventType.SCHEMA_ID_BASE + "envelope.json"));
        for (var sample : SAMPLES.entrySet()) {
            EventType<?> type = sample.getKey();
            JsonNode envelope = JSON.valueToTree(EventEnvelope.of(rawType(type), UUID.randomUUID().toString(),
                    "/customer-service", CUSTOMER.id().toString(), NOW, "tenant-a", sample.getValue()));

            assertValid(envelopeSchema, envelope, type.name() + " envelope");
            assertValid(SCHEMAS.getSchema(SchemaLocation.of(type.schemaUri())), envelope.get("data"), type.name());
        }
    }

    @Test
    void schemasRejectDataThatBreaksTheContract() throws Exception {
        JsonSchema schema = SCHEMAS.getSchema(SchemaLocation.of(EventCatalog.CUSTOMER_CREATED.schemaUri()));
        JsonNode withoutEmail = JSON.readTree("{\"customer\":{\"id\":\"" + CUSTOMER.id()
                + "\",\"metadata\":{},\"created_at\":\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-01T00:00:00Z\"}}");
        assertEquals(1, schema.validate(withoutEmail).size());
    }

    @Test
    void moneyIsAnIntegerOfMinorUnitsWithAnIsoCurrency() throws Exception {
        JsonSchema schema = SCHEMAS.getSchema(SchemaLocation.of(EventCatalog.INVOICE_FINALIZED.schemaUri()));
        JsonNode valid = JSON.valueToTree(new InvoiceFinalized(INVOICE));
        assertValid(schema, valid, "invoice.finalized");
        JsonNode decimal = valid.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) decimal.get("invoice")).put("amount_due", 19.99);
        assertEquals(1, schema.validate(decimal).size(), "a decimal amount must break the contract");
        JsonNode credit = valid.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) credit.at("/invoice/lines/0")).put("amount", -2000)
                .put("unit_amount", -2000).put("proration", true);
        assertValid(schema, credit, "a proration credit line is a negative integer");
        JsonNode decimalTotal = valid.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) decimalTotal.get("invoice")).put("total", 19.99);
        assertFalse(schema.validate(decimalTotal).isEmpty(), "a decimal total must break the contract");
        JsonNode negativeTotal = valid.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) negativeTotal.get("invoice")).put("total", -2000)
                .put("ending_balance", -2000);
        assertValid(schema, negativeTotal, "a downgrade's negative total is carried forward as credit");
        JsonNode beforeBalances = valid.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) beforeBalances.get("invoice"))
                .remove(List.of("total", "starting_balance", "ending_balance"));
        assertValid(schema, beforeBalances, "an event published before the balances were added");
        InvoiceSnapshot old = JSON.treeToValue(beforeBalances.get("invoice"), InvoiceSnapshot.class);
        assertEquals(java.util.Arrays.asList(null, null, null),
                java.util.Arrays.asList(old.total(), old.startingBalance(), old.endingBalance()));
        JsonNode beforeCollectionMethod = valid.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) beforeCollectionMethod.get("invoice"))
                .remove("collection_method");
        assertValid(schema, beforeCollectionMethod, "an event published before collection_method was added");
        assertTrue(JSON.treeToValue(beforeCollectionMethod.get("invoice"), InvoiceSnapshot.class)
                .chargedAutomatically(), "invoices announced before collection_method were all charged automatically");
        JsonNode unknownMethod = valid.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) unknownMethod.get("invoice"))
                .put("collection_method", "barter");
        assertFalse(schema.validate(unknownMethod).isEmpty(), "collection_method is one of two values");
        JsonNode lowerCaseCurrency = valid.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) lowerCaseCurrency.get("invoice")).put("currency", "usd");
        assertEquals(1, schema.validate(lowerCaseCurrency).size(), "currency must be an ISO 4217 code");
    }

    @Test
    void recordsReadBackFromTheirSnakeCaseJson() throws Exception {
        String json = JSON.writeValueAsString(new CustomerCreated(CUSTOMER));
        assertTrue(json.contains("\"billing_email\":\"ada@example.com\""), json);
        assertEquals(CUSTOMER, JSON.readValue(json, CustomerCreated.class).customer());
    }

    private static void assertValid(JsonSchema schema, JsonNode node, String what) {
        Set<ValidationMessage> errors = schema.validate(node);
        assertTrue(errors.isEmpty(), what + ": " + errors + " in " + node);
    }

    @SuppressWarnings("unchecked")
    private static <T> EventType<T> rawType(EventType<?> type) {
        return (EventType<T>) type;
    }
}
