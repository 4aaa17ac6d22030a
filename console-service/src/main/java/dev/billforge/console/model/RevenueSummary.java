package dev.billforge.console.model;

import java.util.List;

/** Revenue recognised per month (and what is still deferred at its end), net of tax, in minor units. */
public record RevenueSummary(String currency, String from, String to, long recognized, List<Month> months) {

    public record Month(String month, long recognized, long deferred) {
    }
}
