package dev.billforge.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.Template;
import io.quarkus.qute.Variant;

/**
 * Renders an {@link InvoiceDocument} to PDF: a Qute template produces XHTML, openhtmltopdf lays it out on A4 with the
 * base-14 Helvetica (no font files).
 *
 * <p>
 * Native-image notes: Qute runs standalone (no CDI) and only ever sees {@link Map}s, {@link List}s, Strings and
 * Booleans, resolved by its built-in resolvers, so the template needs no reflection registration.
 */
public final class InvoicePdf {

    public static final String MEDIA_TYPE = "application/pdf";

    static final String TEMPLATE = "dev/billforge/document/invoice.html";

    private static final String PRODUCER = "Billforge invoice-document";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM d, uuuu", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private static final Set<String> STATUSES = Set.of("open", "paid", "void", "uncollectible");

    /*
     * Parsed once. Qute escapes expression results only for the content types its HtmlEscaper is given and only in a
     * template whose variant has such a type: both are set here, so every {value} is HTML/XML-escaped (the XHTML
     * parser openhtmltopdf uses would otherwise fail on a stray '<' or '&' in a customer's name).
     */
    private static final Template INVOICE;

    static {
        XRLog.setLoggerImpl(new JulXRLogger());
        Engine engine = Engine.builder()
                .addDefaults()
                .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
                .build();
        INVOICE = engine.parse(readTemplate(), Variant.forContentType(Variant.TEXT_HTML), TEMPLATE);
    }

    private InvoicePdf() {
    }

    /**
     * Renders the document: Qute template, XHTML, PDF (openhtmltopdf). Thread-safe; the engine and the template are
     * made once. Takes milliseconds of CPU: call it off the event loop.
     */
    public static byte[] render(InvoiceDocument document) {
        Objects.requireNonNull(document, "document");
        String xhtml = Base14Text.sanitize(html(document));
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withProducer(PRODUCER);
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Rendering invoice " + document.number() + " to PDF failed", e);
        }
        return out.toByteArray();
    }

    /**
     * The file name a download or an attachment gets: {@code "invoice-<number>.pdf"}, the number sanitised to
     * {@code [A-Za-z0-9._-]}.
     */
    public static String fileName(InvoiceDocument document) {
        return "invoice-" + document.number().replaceAll("[^A-Za-z0-9._-]", "_") + ".pdf";
    }

    /** The XHTML handed to openhtmltopdf, before {@link Base14Text#sanitize}. */
    static String html(InvoiceDocument document) {
        return INVOICE.data("doc", model(document)).render();
    }

    private static Map<String, Object> model(InvoiceDocument d) {
        String currency = d.currency();
        Map<String, Object> doc = new HashMap<>();
        doc.put("number", d.number());
        String status = d.status().toLowerCase(Locale.ROOT);
        doc.put("statusLabel", status.toUpperCase(Locale.ROOT));
        doc.put("statusClass", STATUSES.contains(status) ? status : "other");
        doc.put("currency", currency.toUpperCase(Locale.ROOT));
        doc.put("issued", date(d.issueDate()));
        doc.put("due", date(d.dueDate()));
        doc.put("servicePeriod", period(d.periodStart(), d.periodEnd()));
        doc.put("seller", party(d.seller()));
        doc.put("buyer", party(d.buyer()));

        List<Map<String, Object>> lines = new ArrayList<>(d.lines().size());
        for (InvoiceDocument.Line line : d.lines()) {
            Map<String, Object> row = new HashMap<>();
            row.put("description", line.description());
            Instant start = line.periodStart();
            Instant end = line.periodEnd();
            row.put("period", start != null && end != null && !start.equals(end) ? period(start, end) : null);
            row.put("quantity", String.format(Locale.ROOT, "%,d", line.quantity()));
            row.put("unitPrice", MoneyFormat.format(line.unitAmount(), currency));
            row.put("amount", MoneyFormat.format(line.amount(), currency));
            lines.add(row);
        }
        doc.put("lines", lines);

        List<Map<String, Object>> totals = new ArrayList<>();
        totals.add(total("Subtotal", d.subtotal(), currency, false));
        if (d.taxLabel() != null) {
            totals.add(total(d.taxLabel(), d.tax(), currency, false));
        }
        totals.add(total("Total", d.total(), currency, true));
        if (d.startingBalance() != 0) {
            totals.add(total("Applied balance", d.startingBalance(), currency, false));
        }
        totals.add(total("Amount due", d.amountDue(), currency, true));
        totals.add(total("Amount paid", d.amountPaid(), currency, false));
        totals.add(total("Amount remaining", d.amountRemaining(), currency, false));
        doc.put("totals", totals);

        doc.put("footer", d.footer());
        return doc;
    }

    private static Map<String, Object> party(InvoiceDocument.Party party) {
        Map<String, Object> p = new HashMap<>();
        p.put("name", party.name());
        p.put("addressLines", party.addressLines());
        p.put("taxId", party.taxId());
        p.put("email", party.email());
        return p;
    }

    private static Map<String, Object> total(String label, long amount, String currency, boolean strong) {
        return Map.of("label", label, "amount", MoneyFormat.format(amount, currency), "strong", strong);
    }

    private static String period(Instant start, Instant end) {
        return start == null || end == null ? null : date(start) + " \u2013 " + date(end);
    }

    private static String date(TemporalAccessor date) {
        return date == null ? null : DATE.format(date);
    }

    private static String readTemplate() {
        try (InputStream in = InvoicePdf.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("Template " + TEMPLATE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
