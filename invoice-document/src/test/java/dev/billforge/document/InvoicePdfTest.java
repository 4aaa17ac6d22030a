package dev.billforge.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.billforge.document.InvoiceDocument.Line;
import dev.billforge.document.InvoiceDocument.Party;

class InvoicePdfTest {

    private static final Instant JAN_1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FEB_1 = Instant.parse("2026-02-01T00:00:00Z");

    private static final Party SELLER = new Party("Billforge GmbH", List.of("Torstraße 42", "10119 Berlin", "Germany"),
            "DE123456789", "billing@billforge.dev");
    private static final Party BUYER = new Party("Acme Corporation", List.of("500 Market Street", "San Francisco, CA 94105"),
            null, "ap@acme.example");

    @Test
    void usdInvoiceShowsPartiesLinesAndTotalsInTheCurrencyFormat() throws IOException {
        InvoiceDocument invoice = usd("INV-2026-0001", List.of(
                new Line("Pro plan (monthly)", 1, 10_000, 10_000, JAN_1, FEB_1),
                new Line("Extra seats", 3, 2_500, 7_500, JAN_1, JAN_1)), 0);

        byte[] pdf = InvoicePdf.render(invoice);

        assertTrue(new String(pdf, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-"), "not a PDF");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(1, doc.getNumberOfPages());
            assertEquals("Invoice INV-2026-0001", doc.getDocumentInformation().getTitle());
            String text = new PDFTextStripper().getText(doc);
            assertContains(text, "INV-2026-0001", "OPEN", "Billforge GmbH", "Torstraße 42", "Tax ID: DE123456789",
                    "Acme Corporation", "500 Market Street", "BILL TO",
                    "Issued Jan 15, 2026", "Due Feb 14, 2026", "Service period Jan 1, 2026 – Feb 1, 2026",
                    "Pro plan (monthly)", "Extra seats", "$100.00", "$25.00", "$75.00");
            assertContains(text, "Subtotal $175.00", "Tax DE 19% $33.25", "Total $208.25", "Amount due $208.25",
                    "Amount paid $0.00", "Amount remaining $208.25", "Thank you for your business.");
            // The line's own period shows only when it spans time: once for the plan, never for the seats.
            assertEquals(2, occurrences(text, "Jan 1, 2026 – Feb 1, 2026"), text);
            assertFalse(text.contains("Jan 1, 2026 – Jan 1, 2026"), text);
            assertFalse(text.contains("Applied balance"), "no credit was applied");
        }
    }

    @Test
    void appliedBalanceAndPaidStatusShowWhenTheyApply() throws IOException {
        InvoiceDocument base = usd("INV-2", List.of(new Line("Pro plan", 1, 10_000, 10_000, null, null)), -2_500);
        InvoiceDocument paid = new InvoiceDocument(base.number(), "paid", "USD", base.issueDate(), base.dueDate(),
                null, null, SELLER, BUYER, base.lines(), 10_000, 0, null, 10_000, -2_500, 7_500, 7_500, 0, null);

        String text = text(InvoicePdf.render(paid));

        assertContains(text, "PAID", "Applied balance -$25.00", "Amount due $75.00", "Amount paid $75.00",
                "Amount remaining $0.00");
        assertFalse(text.contains("Service period"), "the invoice has no period");
        assertFalse(text.contains("Tax DE"), "no tax label, so no tax line");
    }

    @Test
    void zeroAndThreeDecimalCurrenciesFormatInThePdf() throws IOException {
        InvoiceDocument jpy = simple("JPY", new Line("Starter plan", 2, 500, 1_000, null, null), 1_000);
        InvoiceDocument kwd = simple("KWD", new Line("Starter plan", 1, 1_234, 1_234, null, null), 1_234);

        String jpyText = text(InvoicePdf.render(jpy));
        String kwdText = text(InvoicePdf.render(kwd));

        assertContains(jpyText, "¥500", "Total ¥1,000", "Amount due ¥1,000");
        assertFalse(jpyText.contains("¥1,000.00"), jpyText);
        assertContains(kwdText, "KWD 1.234", "Total KWD 1.234");
    }

    @Test
    void userTextIsEscapedAndCharactersTheFontCannotShowAreReplaced() throws IOException {
        String hostile = "<b>&\"Fish & Chips\"</b>";
        Party japanese = new Party("山田商事 Yamada 🍣 Łódź", List.of("1-1 Chiyoda </td></tr></table>"), null, null);
        InvoiceDocument invoice = new InvoiceDocument("INV-<3>", "open", "EUR", LocalDate.of(2026, 1, 15),
                LocalDate.of(2026, 2, 14), null, null, SELLER, japanese,
                List.of(new Line(hostile, 1, 1_250, 1_250, null, null)), 1_250, 0, null, 1_250, 0, 1_250, 0, 1_250,
                "Questions? Write to <billing@billforge.dev> & quote the number.");

        byte[] pdf = InvoicePdf.render(invoice);

        String text = text(pdf);
        assertContains(text, hostile, "INV-<3>", "1-1 Chiyoda </td></tr></table>", "€12.50",
                "<billing@billforge.dev> & quote");
        // Each CJK character and the emoji (one code point, two chars) become one '?'; ó is in WinAnsi, Ł and ź are not.
        assertContains(text, "???? Yamada ? ?ód?");
    }

    @Test
    void manyLinesFlowOntoSeveralPages() throws IOException {
        List<Line> lines = new ArrayList<>();
        for (int i = 1; i <= 250; i++) {
            lines.add(new Line("Usage item " + i, i, 100, 100L * i, JAN_1, FEB_1));
        }
        long sum = 100L * 250 * 251 / 2;
        InvoiceDocument invoice = new InvoiceDocument("INV-BIG", "open", "USD", LocalDate.of(2026, 1, 15),
                LocalDate.of(2026, 2, 14), JAN_1, FEB_1, SELLER, BUYER, lines, sum, 0, null, sum, 0, sum, 0, sum, null);

        long started = System.nanoTime();
        byte[] pdf = InvoicePdf.render(invoice);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("Rendered 250 lines in " + millis + " ms, " + pdf.length + " bytes");

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertTrue(doc.getNumberOfPages() > 1, "pages: " + doc.getNumberOfPages());
            String text = new PDFTextStripper().getText(doc);
            assertContains(text, "Usage item 1" + System.lineSeparator(), "Usage item 250", "250 $1.00 $250.00",
                    "Total $31,375.00",
                    "Page 1 of " + doc.getNumberOfPages());
        }
    }

    @Test
    void moneyFormat() {
        assertEquals("$19.99", MoneyFormat.format(1_999, "USD"));
        assertEquals("-$19.99", MoneyFormat.format(-1_999, "usd"));
        assertEquals("€0.00", MoneyFormat.format(0, "EUR"));
        assertEquals("£1,234,567.89", MoneyFormat.format(123_456_789, "GBP"));
        assertEquals("¥1,000", MoneyFormat.format(1_000, "JPY"));
        assertEquals("-¥5", MoneyFormat.format(-5, "JPY"));
        assertEquals("KWD 1.234", MoneyFormat.format(1_234, "KWD"));
        assertEquals("KWD 0.005", MoneyFormat.format(5, "KWD"));
        assertEquals("CHF 12.50", MoneyFormat.format(1_250, " chf "));
        assertEquals("XAU 7", MoneyFormat.format(7, "XAU"));
        assertThrows(IllegalArgumentException.class, () -> MoneyFormat.format(100, "XYZ"));
        assertThrows(IllegalArgumentException.class, () -> MoneyFormat.format(100, "dollars"));
    }

    @Test
    void fileNameKeepsOnlySafeCharacters() {
        assertEquals("invoice-INV-2026-0001.pdf", InvoicePdf.fileName(simple("USD", null, 0, "INV-2026-0001")));
        assertEquals("invoice-A_B_.._x_y.z.pdf", InvoicePdf.fileName(simple("USD", null, 0, "A/B\\../x y.z")));
        assertEquals("invoice-___.pdf", InvoicePdf.fileName(simple("USD", null, 0, "請求書")));
        assertEquals("invoice-____.pdf", InvoicePdf.fileName(simple("USD", null, 0, "\"ä\n<")));
        assertEquals("application/pdf", InvoicePdf.MEDIA_TYPE);
    }

    /**
     * Writes /tmp/sample-invoice.pdf and docs/images/invoice-sample.png (its first page at 80 dpi). Run with
     * {@code ./mvnw -pl invoice-document test -Dinvoice-document.write-sample=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "invoice-document.write-sample", matches = "true")
    void writeSample() throws IOException {
        InvoiceDocument sample = new InvoiceDocument("BF-2026-000142", "open", "EUR", LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 15), Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"),
                SELLER, new Party("Müller & Söhne KG", List.of("Hafenstraße 7", "20457 Hamburg", "Germany"),
                        "DE987654321", "buchhaltung@mueller-soehne.example"),
                List.of(new Line("Business plan", 1, 24_900, 24_900, Instant.parse("2026-03-01T00:00:00Z"),
                        Instant.parse("2026-04-01T00:00:00Z")),
                        new Line("Additional seats", 4, 1_500, 6_000, Instant.parse("2026-03-01T00:00:00Z"),
                                Instant.parse("2026-04-01T00:00:00Z")),
                        new Line("Remaining time on Starter plan after 10 Mar 2026 (proration credit)", 1, -1_210,
                                -1_210, Instant.parse("2026-03-10T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z")),
                        new Line("Onboarding workshop", 1, 15_000, 15_000, null, null)),
                44_690, 7_135, "Tax DE 19% (included)", 44_690, -5_000, 39_690, 0, 39_690,
                "Billforge GmbH · Amtsgericht Berlin-Charlottenburg HRB 123456 · Managing director: Ada Example\n"
                        + "IBAN DE89 3704 0044 0532 0130 00 · BIC COBADEFFXXX · Please quote the invoice number.");
        byte[] pdf = InvoicePdf.render(sample);
        Files.write(Path.of("/tmp/sample-invoice.pdf"), pdf);
        Path docs = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../docs/images").normalize();
        Files.createDirectories(docs);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 80);
            ImageIO.write(page, "png", docs.resolve("invoice-sample.png").toFile());
        }
        System.out.println("Wrote /tmp/sample-invoice.pdf and " + docs.resolve("invoice-sample.png"));
    }

    private static InvoiceDocument usd(String number, List<Line> lines, long startingBalance) {
        long subtotal = lines.stream().mapToLong(Line::amount).sum();
        long tax = Math.round(subtotal * 0.19);
        long total = subtotal + tax;
        long due = total + startingBalance;
        return new InvoiceDocument(number, "open", "USD", LocalDate.of(2026, 1, 15), LocalDate.of(2026, 2, 14), JAN_1,
                FEB_1, SELLER, BUYER, lines, subtotal, tax, "Tax DE 19%", total, startingBalance, due, 0, due,
                "Thank you for your business.");
    }

    private static InvoiceDocument simple(String currency, Line line, long total) {
        return simple(currency, line, total, "INV-1");
    }

    private static InvoiceDocument simple(String currency, Line line, long total, String number) {
        return new InvoiceDocument(number, "open", currency, LocalDate.of(2026, 1, 15), LocalDate.of(2026, 2, 14),
                null, null, SELLER, BUYER, line == null ? List.of() : List.of(line), total, 0, null, total, 0, total,
                0, total, null);
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    private static void assertContains(String text, String... expected) {
        for (String e : expected) {
            assertTrue(text.contains(e), () -> "missing \"" + e + "\" in:\n" + text);
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}
