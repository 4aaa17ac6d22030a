package dev.billforge.document;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.apache.pdfbox.pdmodel.font.PDType1Font;

/**
 * Renders an {@link InvoiceDocument} to an A4 PDF in Helvetica (a PDF base-14 font: no font files): the seller and
 * the invoice's number and status, the buyer and the dates, the lines (their header repeated on every page), the
 * totals and the footer. Drawn directly with PDFBox ({@link PdfCanvas}), because every receipt carries one.
 *
 * <p>
 * Thread-safe: each call draws its own document. Takes well under a millisecond of CPU for a usual invoice once
 * warm; still, call it off the event loop.
 */
public final class InvoicePdf {

    public static final String MEDIA_TYPE = "application/pdf";

    private static final String PRODUCER = "Billforge invoice-document";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM d, uuuu", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private static final Map<String, Color> STATUS_COLORS = Map.of("open", new Color(0x2563eb),
            "paid", new Color(0x059669), "void", new Color(0x9ca3af), "uncollectible", new Color(0xdc2626));

    private static final float BODY = 9.5f;
    private static final float LABEL = 7.5f;
    private static final float SMALL = 8f;
    private static final float FOOTER = 8.5f;
    private static final float LINE_HEIGHT = 1.35f;
    private static final float CELL_GAP = 8f;
    private static final Color RULE = new Color(0xe5e7eb);
    private static final Color FOOTER_INK = new Color(0x4b5563);

    private InvoicePdf() {
    }

    /** Renders the document to the bytes of a PDF file. */
    public static byte[] render(InvoiceDocument document) {
        Objects.requireNonNull(document, "document");
        try (PdfCanvas canvas = new PdfCanvas()) {
            canvas.describe("Invoice " + document.number(), document.seller().name(), PRODUCER);
            header(canvas, document);
            parties(canvas, document);
            lines(canvas, document);
            totals(canvas, document);
            footer(canvas, document.footer());
            return canvas.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("Rendering invoice " + document.number() + " to PDF failed", e);
        }
    }

    /**
     * The file name a download or an attachment gets: {@code "invoice-<number>.pdf"}, the number sanitised to
     * {@code [A-Za-z0-9._-]}.
     */
    public static String fileName(InvoiceDocument document) {
        return "invoice-" + document.number().replaceAll("[^A-Za-z0-9._-]", "_") + ".pdf";
    }

    /** Seller on the left; "Invoice", its number and a status badge on the right. */
    private static void header(PdfCanvas canvas, InvoiceDocument d) throws IOException {
        float top = canvas.y();
        float leftWidth = PdfCanvas.WIDTH * 0.55f;
        float left = paragraph(canvas, d.seller().name(), PdfCanvas.LEFT, leftWidth, top, canvas.bold, 12,
                PdfCanvas.INK, 0) - 2;
        left = partyDetails(canvas, d.seller(), leftWidth, left);

        float right = top;
        right = lineRight(canvas, "Invoice", right, canvas.bold, 22) - 2;
        right = lineRight(canvas, d.number(), right, canvas.regular, 10.5f) - 6;
        String status = d.status().toLowerCase(Locale.ROOT);
        String label = status.toUpperCase(Locale.ROOT);
        float spacing = 0.8f;
        float badgeWidth = canvas.width(label, canvas.bold, SMALL, spacing) + 14;
        float badgeHeight = SMALL + 6;
        float badgeLeft = PdfCanvas.RIGHT - badgeWidth;
        canvas.box(badgeLeft, right - badgeHeight, badgeWidth, badgeHeight,
                STATUS_COLORS.getOrDefault(status, PdfCanvas.MUTED));
        canvas.text(label, badgeLeft + 7, right - badgeHeight + 3.6f, canvas.bold, SMALL, Color.WHITE, spacing);
        right -= badgeHeight;

        canvas.moveTo(Math.min(left, right) - 14 * PdfCanvas.MM);
    }

    /** "Bill to" and the buyer on the left; the dates and the currency on the right. */
    private static void parties(PdfCanvas canvas, InvoiceDocument d) throws IOException {
        float top = canvas.y();
        float leftWidth = PdfCanvas.WIDTH * 0.55f;
        float left = paragraph(canvas, "BILL TO", PdfCanvas.LEFT, leftWidth, top, canvas.bold, LABEL, PdfCanvas.MUTED,
                0.6f) - 3;
        left = paragraph(canvas, d.buyer().name(), PdfCanvas.LEFT, leftWidth - CELL_GAP, left, canvas.bold, BODY,
                PdfCanvas.INK, 0);
        left = partyDetails(canvas, d.buyer(), leftWidth, left);

        float keyX = PdfCanvas.LEFT + leftWidth;
        float valueX = keyX + (PdfCanvas.WIDTH - leftWidth) * 0.34f;
        float valueWidth = PdfCanvas.RIGHT - valueX;
        List<Fact> dates = new ArrayList<>();
        dates.add(new Fact("Issued", date(d.issueDate())));
        dates.add(new Fact("Due", date(d.dueDate())));
        String servicePeriod = period(d.periodStart(), d.periodEnd());
        if (servicePeriod != null) {
            dates.add(new Fact("Service period", servicePeriod));
        }
        dates.add(new Fact("Currency", d.currency().toUpperCase(Locale.ROOT)));
        float right = top;
        for (Fact fact : dates) {
            paragraph(canvas, fact.label(), keyX, valueX - keyX - CELL_GAP, right, canvas.regular, BODY,
                    PdfCanvas.MUTED, 0);
            right = paragraph(canvas, fact.value(), valueX, valueWidth, right, canvas.regular, BODY, PdfCanvas.INK, 0)
                    - 2;
        }

        canvas.moveTo(Math.min(left, right) - 10 * PdfCanvas.MM);
    }

    private record Fact(String label, String value) {
    }

    /** A party's address lines, tax id and email under its name; returns the top of the space below. */
    private static float partyDetails(PdfCanvas canvas, InvoiceDocument.Party party, float width, float top)
            throws IOException {
        float y = top;
        for (String line : party.addressLines()) {
            y = paragraph(canvas, line, PdfCanvas.LEFT, width - CELL_GAP, y, canvas.regular, BODY, PdfCanvas.INK, 0);
        }
        if (party.taxId() != null) {
            y = paragraph(canvas, "Tax ID: " + party.taxId(), PdfCanvas.LEFT, width - CELL_GAP, y, canvas.regular, BODY,
                    PdfCanvas.MUTED, 0);
        }
        if (party.email() != null) {
            y = paragraph(canvas, party.email(), PdfCanvas.LEFT, width - CELL_GAP, y, canvas.regular, BODY,
                    PdfCanvas.MUTED, 0);
        }
        return y;
    }

    /** The lines table; a row never splits across pages, and each page it reaches repeats the column headings. */
    private static void lines(PdfCanvas canvas, InvoiceDocument d) throws IOException {
        List<Row> rows = new ArrayList<>(d.lines().size());
        for (InvoiceDocument.Line line : d.lines()) {
            Instant start = line.periodStart();
            Instant end = line.periodEnd();
            rows.add(new Row(line.description(),
                    start != null && end != null && !start.equals(end) ? period(start, end) : null,
                    List.of(String.format(Locale.ROOT, "%,d", line.quantity()),
                            MoneyFormat.format(line.unitAmount(), d.currency()),
                            MoneyFormat.format(line.amount(), d.currency()))));
        }
        String[] headings = { "DESCRIPTION", "QTY", "UNIT PRICE", "AMOUNT" };
        float[] numberWidths = new float[3]; // each number column as wide as its widest cell, plus the gap before it
        for (int column = 0; column < 3; column++) {
            float widest = canvas.width(headings[column + 1], canvas.bold, LABEL, 0.6f);
            for (Row row : rows) {
                widest = Math.max(widest, canvas.width(row.numbers().get(column), canvas.regular, BODY, 0));
            }
            numberWidths[column] = widest + CELL_GAP;
        }
        float descriptionWidth = PdfCanvas.WIDTH - numberWidths[0] - numberWidths[1] - numberWidths[2];
        float[] rightEdges = { PdfCanvas.RIGHT - numberWidths[2] - numberWidths[1], PdfCanvas.RIGHT - numberWidths[2],
                PdfCanvas.RIGHT };
        float headingHeight = LABEL * LINE_HEIGHT + 4;

        boolean first = true;
        for (Row row : rows) {
            List<String> description = canvas.wrap(row.description(), canvas.regular, BODY, descriptionWidth);
            List<String> period = row.period() == null ? List.of()
                    : canvas.wrap(row.period(), canvas.regular, SMALL, descriptionWidth);
            float height = 10 + description.size() * BODY * LINE_HEIGHT
                    + (period.isEmpty() ? 0 : 1 + period.size() * SMALL * LINE_HEIGHT);
            if (canvas.ensureRoom(first ? headingHeight + height : height) || first) {
                headings(canvas, headings, rightEdges, headingHeight);
                first = false;
            }
            float top = canvas.y() - 5;
            float y = lines(canvas, description, PdfCanvas.LEFT, top, canvas.regular, BODY, PdfCanvas.INK, 0);
            if (!period.isEmpty()) {
                lines(canvas, period, PdfCanvas.LEFT, y - 1, canvas.regular, SMALL, PdfCanvas.MUTED, 0);
            }
            for (int column = 0; column < 3; column++) {
                canvas.textRight(row.numbers().get(column), rightEdges[column], baseline(top, BODY), canvas.regular, BODY,
                        PdfCanvas.INK);
            }
            canvas.down(height);
            canvas.rule(PdfCanvas.LEFT, PdfCanvas.RIGHT, canvas.y(), 0.5f, RULE);
        }
        if (first) { // no lines at all: the headings still show
            canvas.ensureRoom(headingHeight);
            headings(canvas, headings, rightEdges, headingHeight);
        }
        canvas.down(6 * PdfCanvas.MM);
    }

    /** A line as printed: its description, its period if it spans time, and quantity, unit price and amount. */
    private record Row(String description, String period, List<String> numbers) {
    }

    private static void headings(PdfCanvas canvas, String[] headings, float[] rightEdges, float height)
            throws IOException {
        float baseline = baseline(canvas.y(), LABEL);
        canvas.text(headings[0], PdfCanvas.LEFT, baseline, canvas.bold, LABEL, PdfCanvas.MUTED, 0.6f);
        for (int column = 0; column < 3; column++) {
            String heading = headings[column + 1];
            float x = rightEdges[column] - canvas.width(heading, canvas.bold, LABEL, 0.6f);
            canvas.text(heading, x, baseline, canvas.bold, LABEL, PdfCanvas.MUTED, 0.6f);
        }
        canvas.down(height);
        canvas.rule(PdfCanvas.LEFT, PdfCanvas.RIGHT, canvas.y(), 1, PdfCanvas.INK);
    }

    private record Total(String label, long amount, boolean strong) {
    }

    /** Subtotal to amount remaining, in the right half; kept on one page. */
    private static void totals(PdfCanvas canvas, InvoiceDocument d) throws IOException {
        String currency = d.currency();
        List<Total> totals = new ArrayList<>();
        totals.add(new Total("Subtotal", d.subtotal(), false));
        if (d.taxLabel() != null) {
            totals.add(new Total(d.taxLabel(), d.tax(), false));
        }
        totals.add(new Total("Total", d.total(), true));
        if (d.startingBalance() != 0) {
            totals.add(new Total("Applied balance", d.startingBalance(), false));
        }
        totals.add(new Total("Amount due", d.amountDue(), true));
        totals.add(new Total("Amount paid", d.amountPaid(), false));
        totals.add(new Total("Amount remaining", d.amountRemaining(), false));

        float left = PdfCanvas.LEFT + PdfCanvas.WIDTH * 0.52f;
        float rowHeight = BODY * LINE_HEIGHT + 6;
        canvas.ensureRoom(rowHeight * totals.size());
        for (Total total : totals) {
            PDType1Font font = total.strong() ? canvas.bold : canvas.regular;
            String amount = MoneyFormat.format(total.amount(), currency);
            if (total.strong()) {
                canvas.rule(left, PdfCanvas.RIGHT, canvas.y(), 0.75f, PdfCanvas.INK);
            }
            float baseline = baseline(canvas.y() - 3, BODY);
            canvas.text(total.label(), left, baseline, font, BODY, PdfCanvas.INK, 0);
            canvas.textRight(amount, PdfCanvas.RIGHT, baseline, font, BODY, PdfCanvas.INK);
            canvas.down(rowHeight);
        }
    }

    /** The footer's text, its own line breaks kept, wrapped to the page. */
    private static void footer(PdfCanvas canvas, String footer) throws IOException {
        if (footer == null || footer.isBlank()) {
            return;
        }
        canvas.down(12 * PdfCanvas.MM);
        float lineHeight = FOOTER * LINE_HEIGHT;
        for (String paragraph : footer.split("\r?\n", -1)) {
            for (String line : canvas.wrap(paragraph, canvas.regular, FOOTER, PdfCanvas.WIDTH)) {
                canvas.ensureRoom(lineHeight);
                canvas.text(line, PdfCanvas.LEFT, baseline(canvas.y(), FOOTER), canvas.regular, FOOTER, FOOTER_INK, 0);
                canvas.down(lineHeight);
            }
        }
    }

    /** {@code text} wrapped to {@code width} from {@code top} down; returns the top of the space below it. */
    private static float paragraph(PdfCanvas canvas, String text, float x, float width, float top, PDType1Font font,
            float size, Color color, float letterSpacing) throws IOException {
        return lines(canvas, canvas.wrap(text, font, size, width), x, top, font, size, color, letterSpacing);
    }

    private static float lines(PdfCanvas canvas, List<String> lines, float x, float top, PDType1Font font, float size,
            Color color, float letterSpacing) throws IOException {
        float y = top;
        for (String line : lines) {
            canvas.text(line, x, baseline(y, size), font, size, color, letterSpacing);
            y -= size * LINE_HEIGHT;
        }
        return y;
    }

    /** One right-aligned line from {@code top}; returns the top of the space below it. */
    private static float lineRight(PdfCanvas canvas, String text, float top, PDType1Font font, float size)
            throws IOException {
        canvas.textRight(text, PdfCanvas.RIGHT, baseline(top, size), font, size, PdfCanvas.INK);
        return top - size * LINE_HEIGHT;
    }

    /** Where text of {@code size} sits in a line box starting at {@code top}: centred, as CSS line-height does. */
    private static float baseline(float top, float size) {
        return top - (size * LINE_HEIGHT - size) / 2 - size * 0.8f;
    }

    private static String period(Instant start, Instant end) {
        return start == null || end == null ? null : date(start) + " \u2013 " + date(end);
    }

    private static String date(TemporalAccessor date) {
        return date == null ? null : DATE.format(date);
    }
}
