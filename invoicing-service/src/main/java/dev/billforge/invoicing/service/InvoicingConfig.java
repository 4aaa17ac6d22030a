package dev.billforge.invoicing.service;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** invoicing-service's own settings. */
@ConfigMapping(prefix = "billforge.invoicing")
public interface InvoicingConfig {

    /**
     * Days from finalization to the due date. 0 (the default): the invoice is charged automatically, so it is due
     * the day it is finalized.
     */
    @WithDefault("0")
    @Min(0)
    int daysUntilDue();

    /**
     * How long after a month ends (on the tenant's business clock) its {@code revenue.recognized} is announced: time
     * for payments recorded as the month turns to be booked first.
     */
    @WithDefault("PT1H")
    Duration revenueCloseGrace();
}
