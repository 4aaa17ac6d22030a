package dev.billforge.subscription.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.persistence.SessionSql;
import dev.billforge.subscription.domain.SubscriptionPeriod;

/**
 * The {@code subscription_period} ledger: every period a subscription entered. Its constraints refuse a period
 * entered twice or one that does not start where the previous one ended, so a bug, a retry or two bill runs at once
 * fail the transaction instead of invoicing a period twice.
 */
@ApplicationScoped
public class SubscriptionPeriodStore {

    private static final String INSERT_SQL = "INSERT INTO {h-schema}subscription_period (tenant_id, subscription_id,"
            + " period_start, period_end, follows_period_end, billing_reason, created_at)"
            + " SELECT p.*, $7::timestamptz FROM unnest($1::text[], $2::uuid[], $3::timestamptz[], $4::timestamptz[],"
            + " $5::timestamptz[], $6::text[]) AS p";

    private final SessionSql sql;

    public SubscriptionPeriodStore(SessionSql sql) {
        this.sql = sql;
    }

    /** Records {@code periods} in the current transaction, with one statement, as entered at {@code now}. */
    public Uni<Void> record(List<SubscriptionPeriod> periods, Instant now) {
        if (periods.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sql.update(INSERT_SQL, SessionSql.column(periods, SubscriptionPeriod::tenantId, new String[0]),
                SessionSql.column(periods, SubscriptionPeriod::subscriptionId, new UUID[0]),
                SessionSql.instants(periods, SubscriptionPeriod::start),
                SessionSql.instants(periods, SubscriptionPeriod::end),
                SessionSql.instants(periods, SubscriptionPeriod::followsPeriodEnd),
                SessionSql.column(periods, SubscriptionPeriod::billingReason, new String[0]),
                SessionSql.timestamp(now)).replaceWithVoid();
    }
}
