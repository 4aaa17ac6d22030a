package dev.billforge.invoicing.store;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Each tenant's invoice numbers: {@code INV-000001}, {@code INV-000002}, ... with no gaps and no duplicates, as tax
 * authorities expect of an invoice sequence. A database sequence would not do: it never gives back a number whose
 * transaction rolled back.
 */
@ApplicationScoped
public class InvoiceNumberSequence {

    static final String PREFIX = "INV-";

    /*
     * One statement both creates the tenant's counter and advances it. The row lock it takes is held until the
     * finalizing transaction ends, so a tenant's finalizations take their numbers one after another (the next one
     * waits, then reads the committed value) and a rollback undoes the increment.
     */
    private static final String ADVANCE_SQL = "INSERT INTO {h-schema}invoice_number_sequence AS s (tenant_id, last_number)"
            + " VALUES (:tenantId, 1)"
            + " ON CONFLICT (tenant_id) DO UPDATE SET last_number = s.last_number + 1"
            + " RETURNING s.last_number";

    /**
     * The tenant's next invoice number. Must run inside the transaction that finalizes the invoice: the number is
     * only taken if that transaction commits.
     */
    public Uni<String> next(String tenantId) {
        return Panache.currentTransaction().flatMap(transaction -> {
            if (transaction == null) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "An invoice number can only be taken inside the transaction that finalizes the invoice"));
            }
            return Panache.getSession().flatMap(session -> session.createNativeQuery(ADVANCE_SQL, Long.class)
                    .setParameter("tenantId", tenantId)
                    .getSingleResult())
                    .map(InvoiceNumberSequence::format);
        });
    }

    static String format(long number) {
        return PREFIX + String.format("%06d", number);
    }
}
