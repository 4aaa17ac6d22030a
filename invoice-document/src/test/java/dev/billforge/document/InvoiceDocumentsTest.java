package dev.billforge.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.billforge.events.customer.PostalAddress;
import dev.billforge.events.invoice.InvoiceDocumentDetails;
import dev.billforge.events.invoice.InvoiceLine;
import dev.billforge.events.invoice.InvoiceParty;
import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.events.invoice.InvoiceTaxRate;

/** What an invoice's event snapshot prints. */
class InvoiceDocumentsTest {

    private static final Instant ADDED = Instant.parse("2026-12-03T09:30:00Z");
    private static final UUID CUSTOMER = UUID.randomUUID();

    private static InvoiceSnapshot snapshot(String number, Instant finalizedAt, InvoiceDocumentDetails details) {
        return new InvoiceSnapshot(UUID.randomUUID(), number, CUSTOMER, null, "open", "EUR", 11900, 0, 11900, 11900L,
                0L, 0L, 0, LocalDate.parse("2026-12-17"), null, null,
                List.of(new InvoiceLine("Consulting", 1, 10000, 10000, ADDED, ADDED, false)), finalizedAt, null,
                ADDED, InvoiceSnapshot.SEND_INVOICE, 10000L, 1900L, details);
    }

    @Test
    void printsTheSellerCustomerAndTaxFixedAtFinalization() {
        InvoiceDocumentDetails details = new InvoiceDocumentDetails(
                new InvoiceParty("Acme GmbH", "billing@acme.example", "DE123456789",
                        new PostalAddress("Torstr. 1", null, "Berlin", null, "10119", "DE")),
                new InvoiceParty("Ada Lovelace", "ada@example.com", null,
                        new PostalAddress("1 Main St", "Suite 2", "Springfield", "IL", "62701", "US")),
                new InvoiceTaxRate("VAT", "DE", null, "19.0000", false), "Pay within 14 days");

        InvoiceDocument document = InvoiceDocuments.from(snapshot("INV-000007", ADDED, details));

        assertEquals("Acme GmbH", document.seller().name());
        assertEquals(List.of("Torstr. 1", "10119 Berlin", "Germany"), document.seller().addressLines());
        assertEquals(List.of("1 Main St", "Suite 2", "62701 Springfield", "IL", "United States"),
                document.buyer().addressLines());
        assertEquals("VAT 19%", document.taxLabel());
        assertEquals(LocalDate.parse("2026-12-03"), document.issueDate());
        assertNull(document.lines().get(0).periodStart(), "a one-off line prints no period");
        assertEquals("Pay within 14 days", document.footer());
        assertEquals("VAT 8.875% (included)",
                InvoiceDocuments.taxLabel(new InvoiceTaxRate("VAT", "US", "NY", "8.8750", true)));
    }

    @Test
    void anInvoiceFinalizedBeforeDocumentsWereFixedPrintsTheCustomerId() {
        InvoiceDocument document = InvoiceDocuments.from(snapshot("INV-000001", ADDED, null));

        assertEquals("Customer " + CUSTOMER, document.buyer().name());
        assertNull(document.taxLabel());
        assertEquals(10000, document.subtotal());
    }

    @Test
    void aDraftHasNoDocument() {
        assertThrows(IllegalArgumentException.class, () -> InvoiceDocuments.from(snapshot(null, null, null)));
    }
}
