package dev.billforge.payment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class PaymentTest {

    private static final Instant CREATED = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-25T10:00:05Z");
    private static final UUID INVOICE = UUID.fromString("0193a1b2-0000-7000-8000-000000000001");
    private final InvoiceDue due = new InvoiceDue(INVOICE, UUID.randomUUID(), UUID.randomUUID(), 1999, "USD", 2);

    private PaymentMethod visa() {
        return PaymentMethod.attach(UUID.randomUUID(), "t1", new VerifiedPaymentMethod(
                new NewPaymentMethod(due.customerId(), "simulator", "tok_visa", Map.of()), new Card("visa", "4242"), null),
                true, CREATED);
    }

    @Test
    void anAttemptIsProcessingWithAKeyPerInvoiceAttempt() {
        PaymentMethod method = visa();
        Payment payment = Payment.processing(UUID.randomUUID(), "t1", due, method, CREATED);
        assertTrue(payment.isProcessing());
        assertEquals("invoice_" + INVOICE + "_attempt_2", payment.idempotencyKey());
        assertEquals(method.id(), payment.paymentMethodId());
        assertEquals("simulator", payment.provider());
        assertEquals(1999, payment.amount());
        assertEquals(2, payment.attempt());
    }

    @Test
    void settlingRecordsTheOutcomeOnce() {
        Payment payment = Payment.processing(UUID.randomUUID(), "t1", due, visa(), CREATED);
        payment.fail("ch_1", "card_declined", "generic_decline", "Your card was declined.", LATER);
        assertEquals(PaymentStatus.FAILED, payment.status());
        assertEquals("card_declined", payment.failureCode());
        assertEquals(LATER, payment.updatedAt());
        assertEquals(CREATED, payment.createdAt());
        assertThrows(IllegalStateException.class, () -> payment.succeed("ch_2", LATER));
    }

    @Test
    void providerEventsOnlyMoveAPaymentForward() {
        Payment payment = Payment.processing(UUID.randomUUID(), "t1", due, visa(), CREATED);
        payment.requireAction("pi_1", "authentication_required", "Confirm the payment.", CREATED);

        assertFalse(payment.applyProviderOutcome(PaymentStatus.REQUIRES_ACTION, "pi_1", "x", null, "x", LATER));
        assertTrue(payment.applyProviderOutcome(PaymentStatus.FAILED, null, "card_declined", "insufficient_funds",
                "Your card has insufficient funds.", LATER));
        assertEquals("pi_1", payment.providerReference(), "an event without the reference keeps the known one");
        assertEquals("insufficient_funds", payment.declineCode());

        assertTrue(payment.applyProviderOutcome(PaymentStatus.SUCCEEDED, "pi_1", null, null, null, LATER));
        assertNull(payment.failureCode());
        assertNull(payment.declineCode());
        assertNull(payment.failureMessage());
        assertFalse(payment.applyProviderOutcome(PaymentStatus.FAILED, "pi_1", "card_declined", null, "late", LATER));
        assertEquals(PaymentStatus.SUCCEEDED, payment.status());
    }

    @Test
    void succeedingClearsNoFailure() {
        Payment payment = Payment.processing(UUID.randomUUID(), "t1", due, visa(), CREATED);
        payment.succeed("ch_1", LATER);
        assertEquals(PaymentStatus.SUCCEEDED, payment.status());
        assertEquals("ch_1", payment.providerReference());
        assertNull(payment.failureCode());
    }

    @Test
    void withoutAPaymentMethodTheAttemptFailsAtOnce() {
        Payment payment = Payment.withoutPaymentMethod(UUID.randomUUID(), "t1", due, "simulator", CREATED);
        assertFalse(payment.isProcessing());
        assertEquals(PaymentStatus.FAILED, payment.status());
        assertEquals(Payment.NO_PAYMENT_METHOD, payment.failureCode());
        assertNull(payment.paymentMethodId());
        assertNull(payment.providerReference());
    }

    @Test
    void statusesHaveTheirWireNames() {
        assertEquals("processing", PaymentStatus.PROCESSING.wire());
        assertEquals(PaymentStatus.CANCELED, PaymentStatus.fromWire("canceled").orElseThrow());
        assertTrue(PaymentStatus.fromWire("PROCESSING").isEmpty());
    }

    @Test
    void detachingTheDefaultLeavesNoDefault() {
        PaymentMethod method = visa();
        assertTrue(method.isDefault());
        method.detach(LATER);
        assertFalse(method.isDefault());
        assertTrue(method.detached());
    }

    @Test
    void refundsNeverGiveBackMoreThanWasCapturedAndAFailedOneGivesItsReservationBack() {
        Payment payment = Payment.processing(UUID.randomUUID(), "t1", due, visa(), CREATED);
        assertEquals(0, payment.refundable(), "nothing captured yet");
        payment.succeed("ch_1", CREATED);

        Refund first = Refund.requested(UUID.randomUUID(), payment, 1500, null, null, LATER);
        assertEquals(499, payment.refundable());
        assertThrows(IllegalArgumentException.class,
                () -> Refund.requested(UUID.randomUUID(), payment, 500, null, null, LATER));
        assertTrue(first.settle(Refund.Status.FAILED, "re_1", "charge_disputed", "Disputed.", payment, LATER));
        assertEquals(1999, payment.refundable(), "the failed refund's amount is refundable again");
        assertFalse(first.settle(Refund.Status.SUCCEEDED, "re_1", null, null, payment, LATER), "settled once");

        Refund all = Refund.requested(UUID.randomUUID(), payment, 1999, "duplicate", "key-1", LATER);
        assertFalse(all.settle(Refund.Status.PENDING, "re_2", null, null, payment, LATER));
        assertEquals("re_2", all.providerReference(), "a pending answer still tells the provider's id");
        assertTrue(all.settle(Refund.Status.SUCCEEDED, "re_2", null, null, payment, LATER));
        assertEquals(1999, payment.amountRefunded());
        assertEquals(0, payment.refundable());
    }

    @Test
    void aDisputeClosesOnceAndStaysClosed() {
        Payment payment = Payment.processing(UUID.randomUUID(), "t1", due, visa(), CREATED);
        payment.succeed("pi_1", CREATED);
        Dispute dispute = Dispute.opened(UUID.randomUUID(), payment, "dp_1", 1999, "fraudulent", DisputeStatus.NEEDS_RESPONSE,
                CREATED);
        assertFalse(dispute.isClosed());
        assertTrue(dispute.update(1999, "fraudulent", DisputeStatus.WON, LATER));
        assertFalse(dispute.update(1999, "fraudulent", DisputeStatus.UNDER_REVIEW, LATER), "a late update cannot reopen it");
        assertEquals(DisputeStatus.WON, dispute.status());
        assertTrue(Dispute.opened(UUID.randomUUID(), payment, "dp_2", 1999, null, DisputeStatus.LOST, LATER).isClosed(),
                "first heard of when it closed");
    }
}
