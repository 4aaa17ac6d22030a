package dev.billforge.console.model;

import java.time.Instant;
import java.util.List;

/** A tenant's settings, one record per service that keeps them. */
public final class Settings {

    private Settings() {
    }

    /** The seller and footer every invoice finalized from now on prints. */
    public record InvoiceSettings(String sellerName, String sellerEmail, String sellerTaxId, Address sellerAddress,
            String footer, Instant updatedAt) {
    }

    /** Days after a first failure on which a payment is retried, and what happens when the last retry fails. */
    public record DunningSettings(List<Integer> retryDays, String whenExhausted) {
    }

    /** Which payment providers the tenant has credentials for (never the credentials themselves). */
    public record ProviderAccount(String provider, boolean livemode, String webhookPath, Instant createdAt,
            Instant updatedAt) {
    }

    /** The tenant's business clock: real time plus what the operator moved it forward. */
    public record TestClock(Instant now, long offsetSeconds) {
    }
}
