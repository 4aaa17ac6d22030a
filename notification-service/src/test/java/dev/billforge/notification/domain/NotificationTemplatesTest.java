package dev.billforge.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.billforge.document.MoneyFormat;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.mail.SmtpTestResource;

/** The Qute templates render in the app (they are checked against NotificationTemplates at build time). */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(SmtpTestResource.class)
class NotificationTemplatesTest {

    private static final UUID INVOICE = UUID.fromString("0193a5a0-0000-7000-8000-000000000001");

    @Test
    void moneyUsesTheCurrencysMinorUnit() {
        assertEquals("$19.99", MoneyFormat.format(1999, "USD"));
        assertEquals("$0.05", MoneyFormat.format(5, "USD"));
        assertEquals("$1,234,567.00", MoneyFormat.format(123_456_700, "USD"));
        assertEquals("¥500", MoneyFormat.format(500, "JPY"));
        assertEquals("€10.00", MoneyFormat.format(1000, "EUR"));
        assertEquals("£0.99", MoneyFormat.format(99, "GBP"));
        assertEquals("CHF 12.50", MoneyFormat.format(1250, "CHF"));
        assertEquals("BHD 1.234", MoneyFormat.format(1234, "BHD"), "three minor digits");
        assertEquals("KRW 1,000", MoneyFormat.format(1000, "KRW"), "no minor unit");
        assertEquals("$19.99", MoneyFormat.format(1999, "usd"));
        assertEquals("-$5.00", MoneyFormat.format(-500, "USD"));
    }

    @Test
    void moneyRefusesToGuessAnUnknownCurrency() {
        assertThrows(IllegalArgumentException.class, () -> MoneyFormat.format(100, "ABC"));
    }

    @Test
    void invoiceFinalized() {
        NotificationMessage message = NotificationTemplates.invoiceFinalized("INV-000001", 1999, "USD",
                LocalDate.parse("2026-11-25"));
        assertEquals("Your invoice INV-000001 for $19.99 is due on 2026-11-25", message.subject());
        assertTrue(message.body().contains("Amount due: $19.99\n"), message.body());
        assertTrue(message.body().contains("Due date: 2026-11-25\n"), message.body());
    }

    @Test
    void paymentReceipt() {
        NotificationMessage message = NotificationTemplates.paymentReceipt(500, "JPY", INVOICE, "pi_123");
        assertEquals("Receipt for your payment of ¥500", message.subject());
        assertEquals("Thank you for your payment.\n\nAmount paid: ¥500 (JPY)\nInvoice: " + INVOICE
                + "\nPayment reference: pi_123\n", message.body());
        assertTrue(NotificationTemplates.paymentReceipt(500, "JPY", INVOICE, null).body()
                .contains("Payment reference: none\n"));
    }

    @Test
    void paymentFailed() {
        NotificationMessage message = NotificationTemplates.paymentFailed(1999, "USD", INVOICE,
                "Your card was declined.", "card_declined", Instant.parse("2026-11-28T09:00:00Z"));
        assertEquals("Your payment of $19.99 failed", message.subject());
        assertTrue(message.body().contains("Reason: Your card was declined. (code: card_declined)\n"), message.body());
        assertTrue(message.body().contains("We will try again on 2026-11-28.\n"), message.body());

        NotificationMessage last = NotificationTemplates.paymentFailed(1999, "USD", INVOICE, null, null, null);
        assertTrue(last.body().contains("Reason: The payment was not accepted. (code: none)\n"), last.body());
        assertTrue(last.body().contains("Please update your payment method"), last.body());
    }

    @Test
    void subscriptionCanceled() {
        NotificationMessage message = NotificationTemplates.subscriptionCanceled("Pro",
                Instant.parse("2026-11-30T23:30:00Z"));
        assertEquals("Your Pro subscription has been canceled", message.subject());
        assertTrue(message.body().startsWith("Your subscription to Pro ended on 2026-11-30.\n"), message.body());
    }

    @Test
    void paymentActionRequired() {
        NotificationMessage message = NotificationTemplates.paymentActionRequired(4200, "EUR", INVOICE, "pi_3abc");
        assertEquals("Please confirm your payment of €42.00", message.subject());
        assertTrue(message.body().contains("confirm the payment of €42.00 (EUR) for invoice " + INVOICE), message.body());
    }

    @Test
    void trialEnding() {
        NotificationMessage message = NotificationTemplates.trialEnding("Pro", Instant.parse("2026-12-01T10:00:00Z"),
                1999, "USD", "month");
        assertEquals("Your Pro trial ends on 2026-12-01", message.subject());
        assertTrue(message.body().contains("you will be billed $19.99 per month"), message.body());
    }

    @Test
    void refundIssued() {
        NotificationMessage message = NotificationTemplates.refundIssued(1250, "CHF", "INV-000042", "CN-000007");
        assertEquals("Refund of CHF 12.50 for invoice INV-000042", message.subject());
        assertTrue(message.body().startsWith("We have refunded CHF 12.50 (CHF) of your payment for invoice INV-000042."),
                message.body());
        assertTrue(message.body().contains("Credit note: CN-000007\n"), message.body());
    }
}
