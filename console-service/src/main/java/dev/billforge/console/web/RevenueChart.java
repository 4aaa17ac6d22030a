package dev.billforge.console.web;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import dev.billforge.console.model.RevenueSummary;

/**
 * The revenue summary as bars for an inline SVG drawn on the server: per month, recognised revenue and what was
 * deferred at its end, side by side, scaled to the largest figure. Coordinates are in the SVG's own units.
 */
public record RevenueChart(String currency, long recognized, List<Bar> bars, long top) {

    public static final int WIDTH = 720;
    public static final int HEIGHT = 240;
    static final int BASELINE = 210;
    static final int PLOT_HEIGHT = 180;

    /** One month: its label and the two bars' heights (and tops) in SVG units, with the figures they stand for. */
    public record Bar(String month, int x, long recognized, long deferred, int recognizedHeight,
            int deferredHeight) {

        public int recognizedTop() {
            return BASELINE - recognizedHeight;
        }

        public int deferredTop() {
            return BASELINE - deferredHeight;
        }

        public int deferredX() {
            return x + 18;
        }

        public int labelX() {
            return x + 17;
        }
    }

    public static RevenueChart of(RevenueSummary summary) {
        long top = 0;
        for (RevenueSummary.Month month : summary.months()) {
            top = Math.max(top, Math.max(month.recognized(), month.deferred()));
        }
        int slot = WIDTH / Math.max(1, summary.months().size());
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < summary.months().size(); i++) {
            RevenueSummary.Month month = summary.months().get(i);
            bars.add(new Bar(month.month(), i * slot + Math.max(0, (slot - 36) / 2), month.recognized(),
                    month.deferred(), height(month.recognized(), top), height(month.deferred(), top)));
        }
        return new RevenueChart(summary.currency(), summary.recognized(), bars, top);
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int baseline() {
        return BASELINE;
    }

    /** A bar's height in proportion to the largest figure; a figure above zero is never drawn flat. */
    private static int height(long amount, long top) {
        if (amount <= 0 || top <= 0) {
            return 0;
        }
        // Integer arithmetic (a sum of money times 180 can pass a long's range, hence BigInteger), rounded down.
        long scaled = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(PLOT_HEIGHT))
                .divide(BigInteger.valueOf(top)).longValue();
        return (int) Math.max(1, scaled);
    }
}
