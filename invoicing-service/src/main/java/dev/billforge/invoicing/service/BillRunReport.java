package dev.billforge.invoicing.service;

import java.time.YearMonth;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.invoicing.domain.BillRunProgress;
import dev.billforge.invoicing.domain.MonthlyRevenue;
import dev.billforge.invoicing.store.BillRunFigures;

/** How the tenant's bill run stands for a month: the console's operations page, live. */
@ApplicationScoped
public class BillRunReport {

    private final BillRunFigures figures;
    private final BusinessClock clock;

    public BillRunReport(BillRunFigures figures, BusinessClock clock) {
        this.figures = figures;
        this.clock = clock;
    }

    /** {@code month} null: the current one on the tenant's clock (a test clock moves it). */
    public Uni<BillRunProgress> progress(String tenantId, YearMonth month) {
        YearMonth wanted = month != null ? month : MonthlyRevenue.monthOf(clock.now(tenantId));
        return Panache.withSession(() -> figures.of(tenantId, wanted));
    }
}
