package dev.billforge.invoicing.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class InvoiceTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant END = Instant.parse("2026-12-25T10:00:00Z");
    private static final Instant CREATED = Instant.parse("2026-11-25T10:00:01Z");
    private static final Instant LATER = Instant.parse("2026-11-26T08:00:00Z");
    private static final LocalDate DUE = LocalDate.parse("2026-11-25");

    private static Invoice draft() {
        return Invoice.draft(UUID.randomUUID(), "t1", UUID.randomUUID(), UUID.randomUUID(), "EUR", START, END, CREATED);
    }

    private static InvoiceItem.LineDetails line(long quantity, long unitAmount) {
        return new InvoiceItem.LineDetails("Pro", quantity, unitAmount, START, END, false);
    }

    private static Invoice open(long amount) {
        Invoice invoice = draft();
        invoice.addLine(UUID.randomUUID(), line(1, amount), CREATED);
        invoice.finalizeAs("INV-000001", DUE, CREATED);
        return invoice;
    }

    // --- one-off invoices -----------------------------------------------------------------------------------------

    private static Invoice oneOff(CollectionMethod collection, Integer daysUntilDue) {
        return Invoice.oneOff(UUID.randomUUID(), "t1", UUID.randomUUID(), "EUR", collection, daysUntilDue, null,
                java.util.Map.of(), CREATED);
    }

    @Test
    void aOneOffInvoiceIsDueAsItsCollectionMethodSays() {
        LocalDate day = LocalDate.parse("2026-12-03");
        assertEquals(day, oneOff(CollectionMethod.CHARGE_AUTOMATICALLY, null).dueDateIfFinalizedOn(day, 0));
        assertEquals(day.plusDays(3), oneOff(CollectionMethod.CHARGE_AUTOMATICALLY, null).dueDateIfFinalizedOn(day, 3),
                "charged automatically: the configured days");
        assertEquals(day.plusDays(30), oneOff(CollectionMethod.SEND_INVOICE, 30).dueDateIfFinalizedOn(day, 3),
                "sent: its own days until due");
        assertThrows(IllegalArgumentException.class, () -> oneOff(CollectionMethod.SEND_INVOICE, null));
        assertThrows(IllegalArgumentException.class, () -> oneOff(CollectionMethod.CHARGE_AUTOMATICALLY, 30));
        assertEquals(CollectionMethod.CHARGE_AUTOMATICALLY, draft().collectionMethod(),
                "subscription invoices are charged automatically");
    }

    @Test
    void aOneOffLineBillsNoPeriod() {
        Invoice invoice = oneOff(CollectionMethod.CHARGE_AUTOMATICALLY, null);
        InvoiceItem fee = invoice.addLine(UUID.randomUUID(), InvoiceItem.LineDetails.oneOff("Setup", 2, 500, LATER),
                LATER);
        assertTrue(fee.billsNoPeriod());
        assertEquals(LATER, fee.periodStart());
        assertEquals(1000, invoice.total());
        assertFalse(invoice.addLine(UUID.randomUUID(), line(1, 100), LATER).billsNoPeriod());
    }

    @Test
    void anInvoiceBillsAtMostMaxTotalAndHoldsAtMostMaxLines() {
        Invoice invoice = oneOff(CollectionMethod.CHARGE_AUTOMATICALLY, null);
        invoice.addLine(UUID.randomUUID(), line(1, Invoice.MAX_TOTAL), LATER);
        assertThrows(IllegalArgumentException.class, () -> invoice.addLine(UUID.randomUUID(), line(1, 1), LATER));
        assertEquals(Invoice.MAX_TOTAL, invoice.total(), "a refused line leaves the draft as it was");
        assertEquals(1, invoice.lines().size());

        Invoice full = oneOff(CollectionMethod.CHARGE_AUTOMATICALLY, null);
        for (int i = 0; i < Invoice.MAX_LINES; i++) {
            assertTrue(full.hasRoomForLine());
            full.addLine(UUID.randomUUID(), line(1, 1), LATER);
        }
        assertFalse(full.hasRoomForLine());
    }

    @Test
    void onlyAnOpenOrUncollectibleInvoiceWithSomethingLeftIsPayable() {
        assertFalse(draft().payable());
        Invoice open = open(1000);
        assertTrue(open.payable());
        open.markUncollectible(LATER);
        assertTrue(open.payable(), "written off, and still payable");
        open.applyPayment(1000, 2, LATER, LATER);
        assertFalse(open.payable(), "paid");
        Invoice voided = open(1000);
        voided.voidUnpaid(LATER);
        assertFalse(voided.payable());
    }

    // --- amounts ----------------------------------------------------------------------------------------------

    private static InvoiceItem.LineDetails proration(long amount) {
        return new InvoiceItem.LineDetails("Unused time on Pro", 1, amount, START, END, true);
    }

    @Test
    void aNegativeTotalIsNeverChargedItBecomesTheCustomersCredit() {
        Invoice downgrade = draft();
        downgrade.addLine(UUID.randomUUID(), proration(-4000), CREATED);
        downgrade.addLine(UUID.randomUUID(), proration(2000), CREATED);
        downgrade.finalizeAs("INV-000001", DUE, -500, CREATED);

        assertEquals(-2000, downgrade.total());
        assertEquals(-500, downgrade.startingBalance());
        assertEquals(0, downgrade.amountDue());
        assertEquals(-2500, downgrade.endingBalance(), "the credit grows by what the invoice did not use");
        assertEquals(InvoiceStatus.PAID, downgrade.status(), "nothing to charge");
    }

    @Test
    void aCreditLowersWhatIsDueAndWhatIsLeftCarriesOver() {
        Invoice renewal = draft();
        renewal.addLine(UUID.randomUUID(), line(1, 6000), CREATED);
        renewal.finalizeAs("INV-000002", DUE, -2000, CREATED);
        assertEquals(List.of(6000L, -2000L, 4000L, 0L, 4000L), List.of(renewal.total(), renewal.startingBalance(),
                renewal.amountDue(), renewal.endingBalance(), renewal.amountRemaining()));

        Invoice small = draft();
        small.addLine(UUID.randomUUID(), line(1, 300), CREATED);
        small.finalizeAs("INV-000003", DUE, -2000, CREATED);
        assertEquals(List.of(0L, -1700L), List.of(small.amountDue(), small.endingBalance()));

        Invoice owed = draft();
        owed.addLine(UUID.randomUUID(), line(1, 300), CREATED);
        assertThrows(IllegalArgumentException.class, () -> owed.finalizeAs("INV-000004", DUE, 100, CREATED),
                "a balance is a credit or nothing");
    }

    @Test
    void onlyAProrationLineMayBeNegative() {
        Invoice invoice = draft();
        assertThrows(IllegalArgumentException.class, () -> invoice.addLine(UUID.randomUUID(), line(1, -1), CREATED));
        assertEquals(-1, invoice.addLine(UUID.randomUUID(), proration(-1), CREATED).amount());
    }

    @Test
    void aLineCostsQuantityTimesUnitAmountAndTheInvoiceDueIsTheSumOfItsLines() {
        Invoice invoice = draft();
        InvoiceItem seats = invoice.addLine(UUID.randomUUID(), line(3, 1200), CREATED);
        invoice.addLine(UUID.randomUUID(), line(1, 500), CREATED);

        assertEquals(3600, seats.amount());
        assertEquals(4100, invoice.amountDue());
        assertEquals(0, invoice.amountPaid());
        assertEquals(4100, invoice.amountRemaining());
        assertEquals(2, invoice.lines().size());
        assertEquals(2, invoice.lines().get(1).lineNumber(), "lines keep the order they were added in");
    }

    @Test
    void aLineNeedsAPositiveQuantityANonNegativePriceAndAPeriod() {
        Invoice invoice = draft();
        assertThrows(IllegalArgumentException.class, () -> invoice.addLine(UUID.randomUUID(), line(0, 100), CREATED));
        assertThrows(IllegalArgumentException.class, () -> invoice.addLine(UUID.randomUUID(), line(1, -1), CREATED));
        assertThrows(IllegalArgumentException.class, () -> invoice.addLine(UUID.randomUUID(),
                new InvoiceItem.LineDetails("Pro", 1, 100, END, START, false), CREATED));
        assertEquals(0, invoice.amountDue());
    }

    @Test
    void amountsThatWouldOverflowAreRefusedInsteadOfWrappingAround() {
        Invoice invoice = draft();
        assertThrows(ArithmeticException.class,
                () -> invoice.addLine(UUID.randomUUID(), line(Long.MAX_VALUE / 2, 3), CREATED));
        assertThrows(IllegalArgumentException.class,
                () -> invoice.addLine(UUID.randomUUID(), line(1, Long.MAX_VALUE), CREATED), "beyond MAX_TOTAL");
        invoice.addLine(UUID.randomUUID(), line(1, Invoice.MAX_TOTAL), CREATED);
        assertThrows(IllegalArgumentException.class, () -> invoice.addLine(UUID.randomUUID(), line(1, 1), CREATED));
        assertEquals(1, invoice.lines().size(), "the refused line is not on the invoice");
        assertEquals(Invoice.MAX_TOTAL, invoice.amountDue());
    }

    // --- finalization -----------------------------------------------------------------------------------------

    @Test
    void aNewInvoiceIsADraftWithoutNumber() {
        Invoice invoice = draft();
        assertEquals(InvoiceStatus.DRAFT, invoice.status());
        assertNull(invoice.number());
        assertNull(invoice.finalizedAt());
        assertEquals(0, invoice.attemptCount());
        assertTrue(invoice.metadata().isEmpty());
    }

    @Test
    void finalizingOpensTheInvoiceWithItsNumberAndDueDateAndFreezesItsLines() {
        Invoice invoice = open(2500);

        assertEquals(InvoiceStatus.OPEN, invoice.status());
        assertEquals("INV-000001", invoice.number());
        assertEquals(DUE, invoice.dueDate());
        assertEquals(CREATED, invoice.finalizedAt());
        assertThrows(IllegalStateException.class, () -> invoice.addLine(UUID.randomUUID(), line(1, 1), LATER));
        assertThrows(IllegalStateException.class, () -> invoice.finalizeAs("INV-000002", DUE, LATER));
        assertEquals("INV-000001", invoice.number());
    }

    @Test
    void anInvoiceWithoutLinesCannotBeFinalized() {
        assertThrows(IllegalStateException.class, () -> draft().finalizeAs("INV-000001", DUE, CREATED));
    }

    // --- payments ---------------------------------------------------------------------------------------------

    @Test
    void paymentsBringTheRemainderDownUntilTheInvoiceIsPaid() {
        Invoice invoice = open(1000);

        assertFalse(invoice.applyPayment(400, 1, LATER, LATER));
        assertEquals(InvoiceStatus.OPEN, invoice.status());
        assertEquals(400, invoice.amountPaid());
        assertEquals(600, invoice.amountRemaining());
        assertNull(invoice.paidAt());

        Instant captured = LATER.plusSeconds(60);
        assertTrue(invoice.applyPayment(600, 2, captured, captured.plusSeconds(1)));
        assertEquals(InvoiceStatus.PAID, invoice.status());
        assertEquals(1000, invoice.amountPaid());
        assertEquals(0, invoice.amountRemaining());
        assertEquals(2, invoice.attemptCount());
        assertEquals(captured, invoice.paidAt());
    }

    @Test
    void anOverpaymentIsCappedAtTheAmountDue() {
        Invoice invoice = open(1000);
        assertTrue(invoice.applyPayment(1500, 1, LATER, LATER));
        assertEquals(1000, invoice.amountPaid());
        assertEquals(0, invoice.amountRemaining());
    }

    @Test
    void aPaidInvoiceIgnoresFurtherPaymentsAndFailures() {
        Invoice invoice = open(1000);
        invoice.applyPayment(1000, 1, LATER, LATER);

        assertFalse(invoice.applyPayment(1000, 2, LATER.plusSeconds(5), LATER.plusSeconds(5)));
        assertFalse(invoice.recordFailedPayment(3, new PaymentError("card_declined", "no"), LATER, LATER));
        assertEquals(1000, invoice.amountPaid());
        assertEquals(1, invoice.attemptCount());
        assertEquals(LATER, invoice.paidAt());
        assertNull(invoice.lastPaymentError());
    }

    @Test
    void aDraftCannotBePaid() {
        Invoice invoice = draft();
        invoice.addLine(UUID.randomUUID(), line(1, 100), CREATED);
        assertFalse(invoice.applyPayment(100, 1, LATER, LATER));
        assertEquals(0, invoice.amountPaid());
        assertEquals(InvoiceStatus.DRAFT, invoice.status());
    }

    @Test
    void aFailedAttemptIsRecordedAndTheInvoiceStaysOpen() {
        Invoice invoice = open(1000);
        Instant retry = Instant.parse("2026-11-28T10:00:00Z");

        assertTrue(invoice.recordFailedPayment(1, new PaymentError("card_declined", "Declined"), retry, LATER));
        assertEquals(InvoiceStatus.OPEN, invoice.status());
        assertEquals(1, invoice.attemptCount());
        assertEquals(new PaymentError("card_declined", "Declined"), invoice.lastPaymentError());
        assertEquals(retry, invoice.nextPaymentAttempt());
        assertEquals(1000, invoice.amountRemaining());
    }

    @Test
    void onlyAnUnpaidInvoiceCanBeVoidedAndAVoidOneTakesNoPayment() {
        Invoice invoice = open(1000);
        invoice.recordFailedPayment(1, new PaymentError("card_declined", null), LATER, LATER);
        assertTrue(invoice.voidUnpaid(LATER));
        assertEquals(InvoiceStatus.VOID, invoice.status());
        assertNull(invoice.nextPaymentAttempt());
        assertFalse(invoice.voidUnpaid(LATER), "once");
        assertFalse(invoice.applyPayment(1000, 2, LATER, LATER));
        assertEquals(0, invoice.amountPaid());

        Invoice paid = open(1000);
        paid.applyPayment(1000, 1, LATER, LATER);
        assertFalse(paid.voidUnpaid(LATER));
        assertFalse(draft().voidUnpaid(LATER));
    }

    @Test
    void theLastFailureArrivingAfterDunningGaveUpIsStillCounted() {
        Invoice invoice = open(1000);
        invoice.recordFailedPayment(3, new PaymentError("card_declined", null), LATER, LATER);
        assertTrue(invoice.markUncollectible(LATER));

        assertTrue(invoice.recordFailedPayment(4, new PaymentError("insufficient_funds", null), null, LATER));
        assertEquals(InvoiceStatus.UNCOLLECTIBLE, invoice.status());
        assertEquals(4, invoice.attemptCount());
        assertEquals("insufficient_funds", invoice.lastPaymentError().code());
        assertNull(invoice.nextPaymentAttempt());
    }

    @Test
    void aLateReportOfAnEarlierAttemptDoesNotOverwriteTheLatestOne() {
        Invoice invoice = open(1000);
        invoice.recordFailedPayment(2, new PaymentError("insufficient_funds", null), null, LATER);

        assertFalse(invoice.recordFailedPayment(1, new PaymentError("card_declined", null), LATER, LATER));
        assertEquals(2, invoice.attemptCount());
        assertEquals("insufficient_funds", invoice.lastPaymentError().code());
        assertNull(invoice.nextPaymentAttempt());
    }

    @Test
    void payingAfterAFailureEndsTheRetries() {
        Invoice invoice = open(1000);
        invoice.recordFailedPayment(1, new PaymentError("card_declined", null), LATER.plusSeconds(3600), LATER);
        invoice.applyPayment(1000, 2, LATER.plusSeconds(7200), LATER.plusSeconds(7200));

        assertEquals(InvoiceStatus.PAID, invoice.status());
        assertNull(invoice.nextPaymentAttempt());
        assertEquals(2, invoice.attemptCount());
    }

    // --- wording ----------------------------------------------------------------------------------------------

    @Test
    void aPeriodLineReadsLikeAnInvoiceLine() {
        assertEquals("Pro (Nov 25, 2026 \u2013 Dec 25, 2026)", InvoiceItem.describePeriod("Pro", START, END));
        // UTC, whatever the server's zone: 23:30 UTC is still the 31st
        assertEquals("Team (Jan 31, 2027 \u2013 Feb 28, 2027)", InvoiceItem.describePeriod("Team",
                Instant.parse("2027-01-31T23:30:00Z"), Instant.parse("2027-02-28T23:30:00Z")));
    }

    @Test
    void statusesAreNamedInLowerCase() {
        assertEquals("uncollectible", InvoiceStatus.UNCOLLECTIBLE.wire());
        assertEquals(Optional.of(InvoiceStatus.PAID), InvoiceStatus.fromWire("paid"));
        assertEquals(Optional.empty(), InvoiceStatus.fromWire("PAID"));
        assertEquals(Optional.empty(), InvoiceStatus.fromWire("settled"));
    }

    @Test
    void refundsCreditNoMoreThanWasPaidAndLeaveTheInvoicePaid() {
        Invoice invoice = open(1000);
        assertThrows(IllegalArgumentException.class, () -> invoice.applyRefund(1, LATER), "nothing paid yet");
        invoice.applyPayment(1000, 1, LATER, LATER);

        CreditNote note = CreditNote.forRefund(UUID.randomUUID(), "CN-000001", invoice, UUID.randomUUID(),
                UUID.randomUUID(), 400, "requested_by_customer", LATER);
        assertEquals(400, invoice.amountRefunded());
        assertEquals(invoice.number(), note.invoiceNumber());
        assertEquals(invoice.currency(), note.currency());
        assertThrows(IllegalArgumentException.class, () -> invoice.applyRefund(601, LATER));
        invoice.applyRefund(600, LATER);
        assertEquals(InvoiceStatus.PAID, invoice.status());
        assertEquals(1000, invoice.amountRefunded());
    }

    @Test
    void anUncollectibleInvoiceCanStillBePaidButNotMarkedTwice() {
        Invoice invoice = open(800);
        assertTrue(invoice.markUncollectible(LATER));
        assertFalse(invoice.markUncollectible(LATER));
        assertTrue(invoice.applyPayment(800, 5, LATER, LATER), "a payment settled late still pays it");
        assertEquals(InvoiceStatus.PAID, invoice.status());
        assertFalse(invoice.markUncollectible(LATER), "a paid invoice is not given up on");
    }
}
