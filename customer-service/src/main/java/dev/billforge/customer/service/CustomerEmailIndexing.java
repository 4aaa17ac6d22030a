package dev.billforge.customer.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.secrets.PersonalData;
import dev.billforge.customer.store.CustomerEmailIndexStore;
import dev.billforge.customer.store.CustomerEmailIndexStore.StoredEmail;

/**
 * Gives every customer stored before the email filter went through blind indexes its index, after start-up, so
 * {@code GET /v1/customers?email=} finds them too. New and changed customers are indexed when they are written.
 */
@ApplicationScoped
public class CustomerEmailIndexing {

    private static final Logger LOG = Logger.getLogger(CustomerEmailIndexing.class);
    private static final int BATCH = 200;

    private final CustomerEmailIndexStore store;
    private final PersonalData personalData;

    public CustomerEmailIndexing(CustomerEmailIndexStore store, PersonalData personalData) {
        this.store = store;
        this.personalData = personalData;
    }

    void onStart(@Observes StartupEvent started) {
        personalData.requireBlindIndexKey(); // refuse to start without it: the email filter would fail
        indexAll().subscribe().with(
                count -> {
                    if (count > 0) {
                        LOG.infof("Indexed the billing email of %d customers stored before blind indexes", count);
                    }
                },
                failure -> LOG.warnf("Indexing customers' emails stopped; it runs again at the next start: %s",
                        failure.toString()));
    }

    /** Indexes every customer without an index; answers how many it indexed. */
    public Uni<Integer> indexAll() {
        return indexFrom(0);
    }

    private Uni<Integer> indexFrom(int indexedSoFar) {
        return store.withoutIndex(BATCH).chain(batch -> batch.isEmpty() ? Uni.createFrom().item(indexedSoFar)
                : index(batch).chain(() -> batch.size() < BATCH ? Uni.createFrom().item(indexedSoFar + batch.size())
                        : indexFrom(indexedSoFar + batch.size())));
    }

    private Uni<Void> index(List<StoredEmail> batch) {
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(customer -> store.index(customer,
                        personalData.blindIndex(customer.tenantId(),
                        personalData.open(customer.storedEmail()))))
                .collect().last().replaceWithVoid();
    }
}
