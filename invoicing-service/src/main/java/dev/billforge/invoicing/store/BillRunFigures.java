package dev.billforge.invoicing.store;

import java.time.YearMonth;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.billforge.invoicing.domain.BillRunProgress;
import dev.billforge.invoicing.domain.MonthlyRevenue;

/** A month's bill run counted in one statement over the tenant's invoices and known subscriptions. */
@ApplicationScoped
public class BillRunFigures {

    private static final String PROGRESS_SQL = "SELECT"
            + " (SELECT count(*) FROM {h-schema}known_subscription k WHERE k.tenant_id = :tenant"
            + "  AND k.status IN ('trialing', 'active', 'past_due') AND k.current_period_end < :end),"
            + " count(i.id),"
            + " count(i.id) FILTER (WHERE i.status = 'paid'),"
            + " count(i.id) FILTER (WHERE i.status = 'open' AND i.last_payment_error_code IS NOT NULL),"
            + " count(i.id) FILTER (WHERE i.status = 'open' AND i.last_payment_error_code IS NULL),"
            + " count(i.id) FILTER (WHERE i.status IN ('void', 'uncollectible'))"
            + " FROM {h-schema}invoice i WHERE i.tenant_id = :tenant AND i.subscription_id IS NOT NULL"
            + " AND i.status <> 'draft' AND i.period_start >= :start AND i.period_start < :end";

    /** Runs in the caller's session. */
    public Uni<BillRunProgress> of(String tenantId, YearMonth month) {
        return Panache.getSession().chain(session -> session.createNativeQuery(PROGRESS_SQL, Object[].class)
                .setParameter("tenant", tenantId)
                .setParameter("start", MonthlyRevenue.start(month))
                .setParameter("end", MonthlyRevenue.end(month))
                .getSingleResult())
                .map(row -> new BillRunProgress(month, count(row[0]), count(row[1]), count(row[2]), count(row[3]),
                        count(row[4]), count(row[5])));
    }

    private static long count(Object value) {
        return ((Number) value).longValue();
    }
}
