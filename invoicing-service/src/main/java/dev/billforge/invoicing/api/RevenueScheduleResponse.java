package dev.billforge.invoicing.api;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.billforge.invoicing.domain.MonthlyRevenue;
import dev.billforge.invoicing.domain.RevenueEntry;
import dev.billforge.invoicing.service.RevenueRecognition;

/**
 * One paid invoice line's revenue: its entries (the charge, and any credit notes' reversals) and, month by month from
 * the first booking to the end of its period (120 months at most), what it recognised and still deferred.
 * {@code recognized_to_date} is as of the tenant's business time now.
 */
public record RevenueScheduleResponse(String object, UUID invoiceId, UUID invoiceItemId, int lineNumber,
        String currency, long amount, long recognizedToDate, long deferred, List<Entry> entries,
        List<RevenueMonthResponse> months) {

    public static final String OBJECT = "revenue_schedule";
    /** The most months a schedule lists, from its first booking on. */
    static final int MAX_MONTHS = RevenueRecognition.MAX_SUMMARY_MONTHS;

    /** One entry: what it books, over which period, and when it was booked. */
    public record Entry(UUID id, String kind, UUID creditNoteId, long amount, Instant recognizeFrom,
            Instant recognizeUntil, Instant bookedAt) {

        static Entry from(RevenueEntry entry) {
            return new Entry(entry.id(), entry.kind(), entry.creditNoteId(), entry.amount(), entry.recognizeFrom(),
                    entry.recognizeUntil(), entry.bookedAt());
        }
    }

    /** One schedule per line, in line order. */
    static List<RevenueScheduleResponse> of(List<RevenueEntry> entries, Instant now) {
        Map<UUID, List<RevenueEntry>> byLine = new LinkedHashMap<>();
        entries.forEach(entry -> byLine.computeIfAbsent(entry.invoiceItemId(), line -> new ArrayList<>()).add(entry));
        return byLine.values().stream().map(line -> ofLine(line, now)).toList();
    }

    private static RevenueScheduleResponse ofLine(List<RevenueEntry> line, Instant now) {
        RevenueEntry first = line.get(0);
        long amount = 0;
        long recognized = 0;
        Instant booked = first.bookedAt();
        Instant until = first.recognizeUntil();
        for (RevenueEntry entry : line) {
            amount += entry.amount();
            recognized += entry.recognizedBy(now);
            booked = entry.bookedAt().isBefore(booked) ? entry.bookedAt() : booked;
            until = entry.recognizeUntil().isAfter(until) ? entry.recognizeUntil() : until;
        }
        // The month that holds the period's last instant (an end at midnight belongs to the month before).
        YearMonth last = MonthlyRevenue.monthOf(until.minusNanos(1));
        YearMonth from = MonthlyRevenue.monthOf(booked);
        // At most as many months as a summary shows: a period may run for centuries (it is the tenant's to set).
        YearMonth to = last.isBefore(from) ? from
                : last.isAfter(from.plusMonths(MAX_MONTHS - 1)) ? from.plusMonths(MAX_MONTHS - 1) : last;
        List<RevenueMonthResponse> months = MonthlyRevenue.of(line, from, to).stream()
                .map(RevenueMonthResponse::from).toList();
        return new RevenueScheduleResponse(OBJECT, first.invoiceId(), first.invoiceItemId(), first.lineNumber(),
                first.currency(), amount, recognized, amount - recognized, line.stream().map(Entry::from).toList(),
                months);
    }
}
