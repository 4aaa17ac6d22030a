package dev.billforge.invoicing.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.outbox.Outbox;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.time.DueScope;
import dev.billforge.events.EventCatalog;
import dev.billforge.events.revenue.RevenueRecognized;
import dev.billforge.invoicing.domain.MonthlyRevenue;
import dev.billforge.invoicing.store.RevenueEntryStore;

/**
 * Announces {@code revenue.recognized} once per tenant and calendar month, when the month has ended on the tenant's
 * business clock (plus a grace period, so a payment being recorded as the month turns is booked before the month is
 * summed). Months are announced in order from the tenant's first booking on. Each tenant is done in a transaction of
 * its own that locks its {@code revenue_tenant} row ({@code SKIP LOCKED}: a replica passes over a tenant another one
 * holds) and moves its last announced month with the events it queues, so a month is announced once.
 */
@ApplicationScoped
public class RevenueMonthClose {

    /** Tenants looked at per pass and scope; the rest wait for the next tick. */
    private static final int TENANTS_PER_PASS = 100;
    /** At most this many months of one tenant per pass (a first run after an upgrade catches up over a few passes). */
    private static final int MONTHS_PER_PASS = 12;

    private final RevenueEntryStore entries;
    private final RevenueRecognition revenue;
    private final Outbox outbox;
    private final BusinessClock clock;
    private final Duration grace;

    public RevenueMonthClose(RevenueEntryStore entries, RevenueRecognition revenue, Outbox outbox, BusinessClock clock,
            InvoicingConfig config) {
        this.entries = entries;
        this.revenue = revenue;
        this.outbox = outbox;
        this.clock = clock;
        this.grace = config.revenueCloseGrace();
    }

    @Scheduled(every = "${billforge.invoicing.revenue-close-interval:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> closeEndedMonths() {
        return clock.inEachScope(this::closeOnce).replaceWithVoid();
    }

    /** One pass over the scope's tenants at its time; returns how many months were announced. */
    public Uni<Integer> closeOnce(DueScope scope) {
        YearMonth lastEnded = MonthlyRevenue.monthOf(scope.now().minus(grace)).minusMonths(1);
        return Panache.withSession(() -> entries.tenantsWithMonthsToClose(scope, lastEnded, TENANTS_PER_PASS))
                .chain(tenants -> Multi.createFrom().iterable(tenants)
                        .onItem().transformToUniAndConcatenate(tenantId -> BusinessClock.isolated(
                                DueScope.tenant(tenantId, scope.now()), closeTenant(tenantId, lastEnded), 0))
                        .collect().with(Collectors.summingInt(Integer::intValue)));
    }

    private Uni<Integer> closeTenant(String tenantId, YearMonth lastEnded) {
        return Panache.withTransaction(() -> entries.claimMonthsToClose(tenantId, lastEnded).chain(months -> {
            if (months == null) {
                return Uni.createFrom().item(0);
            }
            YearMonth first = months.lastClosed() == null ? months.firstBooked() : months.lastClosed().plusMonths(1);
            YearMonth last = first.plusMonths(MONTHS_PER_PASS - 1).isBefore(lastEnded)
                    ? first.plusMonths(MONTHS_PER_PASS - 1) : lastEnded;
            List<YearMonth> due = new ArrayList<>();
            for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
                due.add(month);
            }
            // None due (first booked this month): marking the month before it closed keeps the tenant off the list.
            return Multi.createFrom().iterable(due)
                    .onItem().transformToUniAndConcatenate(month -> announce(tenantId, month).replaceWith(month))
                    .collect().asList()
                    .chain(announced -> entries.markClosedThrough(tenantId, last).replaceWith(announced.size()));
        }));
    }

    private Uni<Void> announce(String tenantId, YearMonth month) {
        return revenue.monthOf(tenantId, month)
                .chain(figures -> outbox.publish(EventCatalog.REVENUE_RECOGNIZED, tenantId, revenueOf(tenantId),
                        new RevenueRecognized(month.toString(), MonthlyRevenue.start(month),
                                MonthlyRevenue.end(month), figures)))
                .replaceWithVoid();
    }

    /**
     * The events' aggregate (their Kafka key): the tenant's revenue, one id per tenant, so a tenant's months reach
     * consumers in the order they were announced.
     */
    public static UUID revenueOf(String tenantId) {
        return UUID.nameUUIDFromBytes(("revenue:" + tenantId).getBytes(StandardCharsets.UTF_8));
    }
}
