package dev.billforge.invoicing.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
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
 * summed). Months are closed in order, from the tenant's first booking on; each close is marked in the transaction
 * that queues its event, so replicas running the job at once announce a month once.
 */
@ApplicationScoped
public class RevenueMonthClose {

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
        YearMonth lastEnded = YearMonth.from(scope.now().minus(grace).atOffset(ZoneOffset.UTC)).minusMonths(1);
        return Panache.withSession(() -> entries.firstBookings(scope, scope.now()))
                .chain(tenants -> Multi.createFrom().iterable(tenants)
                        .onItem().transformToUniAndConcatenate(first -> BusinessClock.isolated(
                                DueScope.tenant(first.tenantId(), scope.now()),
                                closeTenant(first.tenantId(), YearMonth.from(first.bookedAt().atOffset(ZoneOffset.UTC)),
                                        lastEnded, scope.now()), 0))
                        .collect().with(Collectors.summingInt(Integer::intValue)));
    }

    private Uni<Integer> closeTenant(String tenantId, YearMonth firstBooked, YearMonth lastEnded, Instant now) {
        return Panache.withTransaction(() -> entries.lastClosedMonth(tenantId).chain(lastClosed -> {
            YearMonth first = lastClosed == null ? firstBooked : lastClosed.plusMonths(1);
            List<YearMonth> due = new ArrayList<>();
            for (YearMonth month = first; !month.isAfter(lastEnded) && due.size() < MONTHS_PER_PASS;
                    month = month.plusMonths(1)) {
                due.add(month);
            }
            return Multi.createFrom().iterable(due)
                    .onItem().transformToUniAndConcatenate(month -> close(tenantId, month, now))
                    .collect().with(Collectors.summingInt(closed -> closed ? 1 : 0));
        }));
    }

    private Uni<Boolean> close(String tenantId, YearMonth month, Instant now) {
        return entries.markClosed(tenantId, month, now).chain(marked -> !marked
                ? Uni.createFrom().item(false)
                : revenue.monthOf(tenantId, month)
                        .chain(figures -> outbox.publish(EventCatalog.REVENUE_RECOGNIZED, tenantId,
                                monthId(tenantId, month), new RevenueRecognized(month.toString(),
                                        MonthlyRevenue.start(month), MonthlyRevenue.end(month),
                                        figures.stream().map(figure -> new RevenueRecognized.CurrencyRevenue(
                                                figure.currency(), figure.revenue().recognized(),
                                                figure.revenue().deferred())).toList())))
                        .replaceWith(true));
    }

    /** The event's aggregate: the tenant's month, the same id whichever replica closes it. */
    public static UUID monthId(String tenantId, YearMonth month) {
        return UUID.nameUUIDFromBytes(("revenue-month:" + tenantId + ":" + month).getBytes(StandardCharsets.UTF_8));
    }
}
