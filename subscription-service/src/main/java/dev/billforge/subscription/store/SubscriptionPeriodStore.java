package dev.billforge.subscription.store;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.billforge.subscription.domain.SubscriptionPeriod;

/**
 * The {@code subscription_period} ledger: every period a subscription entered. Its constraints refuse a period
 * entered twice or one that does not start where the previous one ended, so a bug, a retry or two bill runs at once
 * fail the transaction instead of invoicing a period twice.
 */
@ApplicationScoped
public class SubscriptionPeriodStore {

    private static final String INSERT = "INSERT INTO {h-schema}subscription_period (tenant_id, subscription_id,"
            + " period_start, period_end, follows_period_end, billing_reason, created_at) VALUES ";

    /** Records {@code periods} in the current transaction, with one statement, as entered at {@code now}. */
    public Uni<Void> record(List<SubscriptionPeriod> periods, Instant now) {
        if (periods.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder sql = new StringBuilder(INSERT);
        for (int i = 0; i < periods.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:t").append(i).append(", :s").append(i).append(", :ps").append(i)
                    .append(", :pe").append(i).append(", :f").append(i).append(", :r").append(i).append(", :now)");
        }
        return Panache.getSession().chain(session -> {
            var insert = session.createNativeQuery(sql.toString()).setParameter("now", now);
            for (int i = 0; i < periods.size(); i++) {
                SubscriptionPeriod period = periods.get(i);
                insert.setParameter("t" + i, period.tenantId())
                        .setParameter("s" + i, period.subscriptionId())
                        .setParameter("ps" + i, period.start())
                        .setParameter("pe" + i, period.end())
                        .setParameter("f" + i, period.followsPeriodEnd())
                        .setParameter("r" + i, period.billingReason());
            }
            return insert.executeUpdate();
        }).replaceWithVoid();
    }
}
