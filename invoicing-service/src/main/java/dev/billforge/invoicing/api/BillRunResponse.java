package dev.billforge.invoicing.api;

import dev.billforge.invoicing.domain.BillRunProgress;

/** {@code GET /v1/bill-run}: a month's renewals, counted (see {@link BillRunProgress}). */
public record BillRunResponse(String object, String month, long due, long renewed, long paid, long failed,
        long awaitingPayment, long closed) {

    public static final String OBJECT = "bill_run";

    static BillRunResponse from(BillRunProgress progress) {
        return new BillRunResponse(OBJECT, progress.month().toString(), progress.due(), progress.renewed(),
                progress.paid(), progress.failed(), progress.awaitingPayment(), progress.closed());
    }
}
