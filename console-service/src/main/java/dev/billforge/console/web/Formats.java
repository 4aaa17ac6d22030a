package dev.billforge.console.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

import dev.billforge.document.MoneyFormat;

/** How the console's pages show billing values: {@code {plan.amount.money(plan.currency)}}, {@code {instant.day}}. */
@TemplateExtension
public final class Formats {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** An amount in minor units, as invoices print it: {@code $19.99}, {@code ¥500}. */
    static String money(long amount, String currency) {
        return MoneyFormat.format(amount, currency);
    }

    /** A credit balance (negative) as the amount credited. */
    static long negate(long amount) {
        return -amount;
    }

    /** A day, in UTC as billing periods are: {@code 6 Dec 2026}; a dash for none. */
    static String day(Instant instant) {
        return instant == null ? "–" : DAY.format(instant);
    }

    /** A status as people read it: {@code past_due} → {@code past due}. */
    static String words(String status) {
        return status == null ? "" : status.replace('_', ' ');
    }
}
