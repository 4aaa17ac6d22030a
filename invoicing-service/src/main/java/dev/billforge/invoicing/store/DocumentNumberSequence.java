package dev.billforge.invoicing.store;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Each tenant's legal document numbers, one sequence per kind of document: invoices {@code INV-000001},
 * {@code INV-000002}, ... and credit notes {@code CN-000001}, ..., each with no gaps and no duplicates, as tax
 * authorities expect. A database sequence would not do: it never gives back a number whose transaction rolled back.
 */
@ApplicationScoped
public class DocumentNumberSequence {

    /** A kind of numbered document and the prefix of its numbers. */
    public enum Series {
        INVOICE("INV"), CREDIT_NOTE("CN");

        private final String prefix;

        Series(String prefix) {
            this.prefix = prefix;
        }

        String format(long number) {
            return prefix + "-" + String.format("%06d", number);
        }
    }

    /*
     * One statement both creates the tenant's counter and advances it by the numbers taken. The row lock it takes is
     * held until the issuing transaction ends, so a tenant's documents of one series take their numbers one after
     * another (the next one waits, then reads the committed value) and a rollback undoes the increment.
     */
    private static final String ADVANCE_SQL = "INSERT INTO {h-schema}document_number_sequence AS s"
            + " (tenant_id, series, last_number) VALUES (:tenantId, :series, :count)"
            + " ON CONFLICT (tenant_id, series) DO UPDATE SET last_number = s.last_number + :count"
            + " RETURNING s.last_number";

    /** The tenant's next invoice number; see {@link #take}. */
    public Uni<String> nextInvoiceNumber(String tenantId) {
        return take(tenantId, Series.INVOICE, 1).map(numbers -> numbers.get(0));
    }

    /** The tenant's next {@code count} invoice numbers, in order, as one range; see {@link #take}. */
    public Uni<List<String>> nextInvoiceNumbers(String tenantId, int count) {
        return take(tenantId, Series.INVOICE, count);
    }

    /** The tenant's next credit note number; see {@link #take}. */
    public Uni<String> nextCreditNoteNumber(String tenantId) {
        return take(tenantId, Series.CREDIT_NOTE, 1).map(numbers -> numbers.get(0));
    }

    /**
     * The tenant's next {@code count} numbers in {@code series}, in order, with one statement. Must run inside the
     * transaction that issues the documents: the numbers are only taken if that transaction commits.
     */
    Uni<List<String>> take(String tenantId, Series series, int count) {
        return Panache.currentTransaction().flatMap(transaction -> {
            if (transaction == null) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "A document number can only be taken inside the transaction that issues the document"));
            }
            return Panache.getSession().flatMap(session -> session.createNativeQuery(ADVANCE_SQL, Long.class)
                    .setParameter("tenantId", tenantId)
                    .setParameter("series", series.prefix)
                    .setParameter("count", count)
                    .getSingleResult())
                    .map(last -> {
                        List<String> numbers = new ArrayList<>(count);
                        for (long number = last - count + 1; number <= last; number++) {
                            numbers.add(series.format(number));
                        }
                        return numbers;
                    });
        });
    }
}
