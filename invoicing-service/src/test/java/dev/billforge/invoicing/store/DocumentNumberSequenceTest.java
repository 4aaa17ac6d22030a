package dev.billforge.invoicing.store;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

import dev.billforge.events.subscription.SubscriptionSnapshot;
import dev.billforge.invoicing.Billing;
import dev.billforge.invoicing.domain.Invoice;
import dev.billforge.invoicing.service.SubscriptionInvoicing;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;

/**
 * Invoice (and credit note) numbers are a tenant's legal sequences: finalizations running at the same time in separate transactions
 * (as on several replicas) must still take INV-000001, INV-000002, ... with no gap and no duplicate.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class DocumentNumberSequenceTest {

    private static final int PARALLEL = 20;

    @Inject
    SubscriptionInvoicing invoicing;
    @Inject
    DocumentNumberSequence numbers;

    @Test
    void concurrentFinalizationsOfOneTenantTakeGaplessUniqueNumbers() throws Exception {
        String tenant = "numbers-" + UUID.randomUUID();
        CyclicBarrier together = new CyclicBarrier(PARALLEL);
        ExecutorService threads = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<Invoice>> finalizations = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                finalizations.add(threads.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return finalizeInItsOwnTransaction(tenant, Billing.subscription(UUID.randomUUID(), 100)).call();
                }));
            }
            List<String> taken = new ArrayList<>();
            for (Future<Invoice> finalization : finalizations) {
                taken.add(finalization.get(60, TimeUnit.SECONDS).number());
            }
            assertEquals(expectedNumbers(PARALLEL), taken.stream().sorted().toList());
        } finally {
            threads.shutdownNow();
        }
        assertEquals(expectedNumbers(PARALLEL), numbersThroughTheApi(tenant));
    }

    @Test
    void manySubscriptionsAnnouncedAtOnceGetConsecutiveNumbers() throws Exception {
        String tenant = "burst-" + UUID.randomUUID();
        ExecutorService threads = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<?>> publications = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                publications.add(threads.submit(() -> KafkaEvents.publish(
                        Billing.subscriptionCreated(tenant, Billing.subscription(UUID.randomUUID(), 100)))));
            }
            for (Future<?> publication : publications) {
                publication.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        await().atMost(Billing.DEADLINE).until(() -> numbersThroughTheApi(tenant).size() == PARALLEL);
        assertEquals(expectedNumbers(PARALLEL), numbersThroughTheApi(tenant));
    }

    @Test
    void aRolledBackFinalizationGivesItsNumberBack() throws Exception {
        String tenant = "rollback-" + UUID.randomUUID();
        SubscriptionSnapshot doomed = Billing.subscription(UUID.randomUUID(), 100);
        Throwable failure = failureOf(() -> Panache.withTransaction(() -> invoicing.invoiceFirstPeriod(tenant, doomed)
                .flatMap(invoice -> Uni.createFrom().failure(new IllegalStateException("crashed after taking "
                        + invoice.number())))));
        assertTrue(String.valueOf(failure.getMessage()).contains("crashed after taking INV-000001"), failure::toString);

        Invoice next = finalizeInItsOwnTransaction(tenant, Billing.subscription(UUID.randomUUID(), 100)).call();
        assertEquals("INV-000001", next.number());
        assertEquals(List.of(), Billing.invoiceIdsOf(tenant, doomed.id()), "the rolled-back invoice is gone");
    }

    @Test
    void eachTenantNumbersItsOwnInvoices() throws Exception {
        String first = "first-" + UUID.randomUUID();
        String second = "second-" + UUID.randomUUID();
        assertEquals("INV-000001", finalizeInItsOwnTransaction(first, Billing.subscription(UUID.randomUUID(), 1)).call()
                .number());
        assertEquals("INV-000002", finalizeInItsOwnTransaction(first, Billing.subscription(UUID.randomUUID(), 1)).call()
                .number());
        assertEquals("INV-000001", finalizeInItsOwnTransaction(second, Billing.subscription(UUID.randomUUID(), 1))
                .call().number());
    }

    @Test
    void aNumberIsOnlyTakenInsideTheFinalizingTransaction() {
        Throwable failure = failureOf(() -> Panache.withSession(() -> numbers.nextInvoiceNumber("no-tx-" + UUID.randomUUID())));
        assertInstanceOf(IllegalStateException.class, failure);
    }

    @Test
    void numbersAreZeroPaddedToSixDigitsAndKeepGrowingBeyond() {
        assertEquals("INV-000001", DocumentNumberSequence.Series.INVOICE.format(1));
        assertEquals("INV-123456", DocumentNumberSequence.Series.INVOICE.format(123456));
        assertEquals("INV-1000000", DocumentNumberSequence.Series.INVOICE.format(1_000_000));
        assertEquals("CN-000042", DocumentNumberSequence.Series.CREDIT_NOTE.format(42));
    }

    @Test
    void creditNotesAreNumberedApartFromInvoices() throws Throwable {
        String tenant = "series-" + UUID.randomUUID();
        finalizeInItsOwnTransaction(tenant, Billing.subscription(UUID.randomUUID(), 1)).call();
        finalizeInItsOwnTransaction(tenant, Billing.subscription(UUID.randomUUID(), 1)).call();
        String first = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> numbers.nextCreditNoteNumber(tenant)));
        String second = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> numbers.nextCreditNoteNumber(tenant)));
        assertEquals(List.of("CN-000001", "CN-000002"), List.of(first, second));
        assertEquals("INV-000003", finalizeInItsOwnTransaction(tenant, Billing.subscription(UUID.randomUUID(), 1))
                .call().number());
    }

    /** What the consumer does with one subscription.created, in a transaction of its own, on a Vert.x context. */
    private Callable<Invoice> finalizeInItsOwnTransaction(String tenant, SubscriptionSnapshot subscription) {
        return () -> {
            try {
                Invoice invoice = VertxContextSupport.subscribeAndAwait(
                        () -> Panache.withTransaction(() -> invoicing.invoiceFirstPeriod(tenant, subscription)));
                assertNotNull(invoice, "an invoice was finalized");
                return invoice;
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        };
    }

    private static Throwable failureOf(Supplier<Uni<?>> work) {
        try {
            VertxContextSupport.subscribeAndAwait(work::get);
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("expected a failure");
    }

    private static List<String> expectedNumbers(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> String.format("INV-%06d", n)).toList();
    }

    private static List<String> numbersThroughTheApi(String tenant) {
        List<String> found = given().auth().oauth2(TestTokens.reader(tenant)).queryParam("limit", 100)
                .get("/v1/invoices").then().statusCode(200).extract().path("data.number");
        return found.stream().sorted().toList();
    }
}
