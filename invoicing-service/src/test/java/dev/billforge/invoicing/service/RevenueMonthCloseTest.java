package dev.billforge.invoicing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

import dev.billforge.chassis.time.DueScope;
import dev.billforge.events.Topics;
import dev.billforge.invoicing.Billing;
import dev.billforge.invoicing.domain.MonthlyRevenue;
import dev.billforge.testsupport.CustomerAnnouncements;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.KafkaTopicReader;
import dev.billforge.testsupport.OnVertx;
import dev.billforge.testsupport.PostgresTestResource;

/** {@code revenue.recognized}: once per tenant and ended month, with the month's figures, on the tenant's clock. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class RevenueMonthCloseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RevenueMonthClose close;
    @Inject
    Vertx vertx;

    private final String tenant = "revenue-close-" + UUID.randomUUID();

    @Test
    void everyEndedMonthIsAnnouncedOnceWithItsFigures() throws Exception {
        UUID customer = CustomerAnnouncements.announce(tenant, "close@example.com");
        String invoice = Billing.invoiceFor(tenant, customer, 4200);
        KafkaEvents.publish(Billing.paymentSucceeded(tenant, invoice, 4200, 1));
        Billing.awaitInvoiceField(tenant, invoice, "status", "paid");
        YearMonth booked = YearMonth.now(ZoneOffset.UTC);
        // Three months later (the period ended long before), just past the grace after the month turned.
        YearMonth current = booked.plusMonths(3);
        Instant now = MonthlyRevenue.start(current).plusSeconds(2 * 3600);

        assertEquals(0, (int) OnVertx.await(vertx, () -> close.closeOnce(DueScope.tenant(tenant,
                MonthlyRevenue.start(booked.plusMonths(1)).plusSeconds(60)))), "within the grace: not yet");
        assertEquals(3, (int) OnVertx.await(vertx, () -> close.closeOnce(DueScope.tenant(tenant, now))));
        assertEquals(0, (int) OnVertx.await(vertx, () -> close.closeOnce(DueScope.tenant(tenant, now))),
                "announced once");

        long recognised = 0;
        List<Long> deferred = new ArrayList<>();
        try (KafkaTopicReader reader = new KafkaTopicReader(Topics.REVENUE_RECOGNIZED)) {
            List<KafkaTopicReader.Record> records = reader.awaitKey(RevenueMonthClose.revenueOf(tenant).toString(), 3,
                    Billing.DEADLINE, Duration.ofMillis(300));
            assertEquals(3, records.size(), "one event per month");
            for (int i = 0; i < 3; i++) {
                JsonNode data = JSON.readTree(records.get(i).value()).get("data");
                assertEquals(booked.plusMonths(i).toString(), data.get("month").asText(), "in month order");
                assertEquals("EUR", data.get("amounts").get(0).get("currency").asText());
                recognised += data.get("amounts").get(0).get("recognized").asLong();
                deferred.add(data.get("amounts").get(0).get("deferred").asLong());
            }
        }
        assertEquals(4200, recognised, "the months announced add up to the paid invoice");
        assertEquals(0, deferred.get(2), "nothing deferred once the period has ended");
    }
}
