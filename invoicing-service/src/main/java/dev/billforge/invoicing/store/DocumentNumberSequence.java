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
     * One statement both creates the tenant's counter and advances it. The row lock it takes is held until the
     * issuing transaction ends, so a tenant's documents of one series take their numbers one after another (the next
     * one waits, then reads the committed value) and a rollback undoes the increment.
     */
    private static final String ADVANCE_SQL = "INSERT INTO {h-schema}document_number_sequence AS s"
            + " (tenant_id, series, last_number) VALUES (:tenantId, :series, 1)"
            + " ON CONFLICT (tenant_id, series) DO UPDATE SET last_number = s.last_number + 1"
            + " RETURNING s.last_number";

    /** The tenant's next invoice number; see {@link #next(String, Series)}. */
    public Uni<String> nextInvoiceNumber(String tenantId) {
        return next(tenantId, Series.INVOICE);
    }

    /**
     * The tenant's next {@code count} invoice numbers, in order, taken as one range with one statement; see
     * {@link #next(String, Series)}.
     */
    public Uni<List<String>> nextInvoiceNumbers(String tenantId, int count) {
        return Panache.currentTransaction().flatMap(transaction -> {
            if (transaction == null) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "A document number can only be taken inside the transaction that issues the document"));
            }
            return Panache.getSession().flatMap(session -> session.createNativeQuery(ADVANCE_BY_SQL, Long.class)
                    .setParameter("tenantId", tenantId)
                    .setParameter("series", Series.INVOICE.prefix)
                    .setParameter("count", count)
                    .getSingleResult())
                    .map(last -> {
                        List<String> numbers = new ArrayList<>(count);
                        for (long number = last - count + 1; number <= last; number++) {
                            numbers.add(Series.INVOICE.format(number));
                        }
                        return numbers;
                    });
        });
    }

    private static final String ADVANCE_BY_SQL = "INSERT INTO {h-schema}document_number_sequence AS s"
            + " (tenant_id, series, last_number) VALUES (:tenantId, :series, :count)"
            + " ON CONFLICT (tenant_id, series) DO UPDATE SET last_number = s.last_number + :count"
            + " RETURNING s.last_number";

    /** The tenant's next credit note number; see {@link #next(String, Series)}. */
    public Uni<String> nextCreditNoteNumber(String tenantId) {
        return next(tenantId, Series.CREDIT_NOTE);
    }

    /**
     * The tenant's next number in {@code series}. Must run inside the transaction that issues the document: the
     * number is only taken if that transaction commits.
     */
    Uni<String> next(String tenantId, Series series) {
        return Panache.currentTransaction().flatMap(transaction -> {
            if (transaction == null) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "A document number can only be taken inside the transaction that issues the document"));
            }
            return Panache.getSession().flatMap(session -> session.createNativeQuery(ADVANCE_SQL, Long.class)
                    .setParameter("tenantId", tenantId)
                    .setParameter("series", series.prefix)
                    .getSingleResult())
                    .map(series::format);
        });
    }
}
