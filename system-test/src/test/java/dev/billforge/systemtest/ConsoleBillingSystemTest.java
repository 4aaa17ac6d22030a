package dev.billforge.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.billforge.testsupport.TestTokens;
import dev.billforge.testsupport.webhooks.WebhookReceiver;

/**
 * The console's billing pages in Chromium: a one-off invoice drafted, finalized, paid now and partly refunded, its
 * PDF downloaded; the operations page's bill run, dunning, webhook log with replay and revenue chart.
 */
class ConsoleBillingSystemTest extends BrowserSystemTestBase {

    @Test
    void aBillingAdminInvoicesACustomerPaysItRefundsPartAndDownloadsThePdf() throws Exception {
        Flow ada = subscribeWithCard("tok_visa");
        awaitActive(ada);
        Page page = pageAs(TestTokens.admin(tenant), 1280);

        // Find the customer by email; their page shows the card, the subscription and its invoice
        page.navigate(url("/console/customers"));
        page.getByLabel("Billing email").fill(ada.email());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
        page.waitForURL("**/console/customers?email=**");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Ada Lovelace")).click();
        page.waitForURL("**/console/customers/" + ada.customer());
        String customerPage = page.locator("main").innerText();
        assertTrue(customerPage.contains("visa ending 4242") && customerPage.contains("Gold monthly"), customerPage);

        // A one-off invoice: drafted with its first line, a second line added, finalized, then paid now
        page.getByText("New one-off invoice").click();
        page.getByLabel("Currency").fill("usd");
        page.getByLabel("First line").fill("Onboarding workshop");
        page.getByLabel("Unit price").fill("250.00");
        page.getByLabel("Quantity").fill("2");
        page.getByLabel("Collection").selectOption("send_invoice");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Draft invoice")).click();
        page.waitForURL("**/console/invoices/*?done=created");
        String invoice = page.url().replaceAll(".*/console/invoices/([^?]+).*", "$1");
        page.getByText("Add a line").click();
        page.getByLabel("Description").fill("Travel");
        page.getByLabel("Unit price (USD)").fill("80.50");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add line")).click();
        page.waitForURL("**/console/invoices/" + invoice + "?done=line");
        assertTrue(page.locator("tfoot").innerText().contains("$580.50"), page.locator("tfoot").innerText());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Finalize")).click();
        page.waitForURL("**/console/invoices/" + invoice + "?done=finalize");
        assertTrue(page.locator(".badge-open").isVisible(), "sent to be paid, it waits open");
        screenshot(page, "console-invoice-1280");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay now")).click();
        page.waitForURL("**/console/invoices/" + invoice + "?done=pay");
        reloadUntil(page, p -> p.locator(".badge-paid").count() == 1);
        assertEquals(58050, get("/v1/invoices/" + invoice).getLong("amount_paid"));

        // Its PDF through the console, fetched as the link asks for it (with the page's credentials). Not through
        // Chromium's download manager: Debian's Chromium is newer than Playwright's driver, and cancels its downloads.
        String link = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download PDF"))
                .getAttribute("href");
        APIResponse pdf = page.request().get(url(link));
        assertEquals(200, pdf.status());
        assertEquals("application/pdf", pdf.headers().get("content-type"));
        assertTrue(pdf.headers().get("content-disposition").matches("attachment; filename=\"invoice-.+\\.pdf\""),
                pdf.headers().get("content-disposition"));
        assertEquals("%PDF", new String(pdf.body(), 0, 4, StandardCharsets.US_ASCII));

        // Refund part of the payment from its page; a credit note shows on the invoice
        page.locator("a[href^='/console/payments/']").first().click();
        page.waitForURL("**/console/payments/*");
        page.getByLabel("Amount (USD)").fill("100.00");
        page.getByLabel("Reason").selectOption("requested_by_customer");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Refund")).click();
        page.waitForURL("**/console/payments/*?done=refund-*");
        reloadUntil(page, p -> p.locator(".facts").innerText().contains("$100.00 of $580.50"));
        assertTrue(page.locator("tbody").first().innerText().contains("$100.00"));
        screenshot(page, "console-payment-1280");
        page.navigate(url("/console/invoices/" + invoice));
        reloadUntil(page, p -> p.locator("table").last().innerText().contains("$100.00"));
        assertEquals(10000, get("/v1/invoices/" + invoice).getLong("amount_refunded"));

        // A reader sees the invoice and its PDF link, and no action; another tenant finds nothing
        Page reader = pageAs(TestTokens.reader(tenant), 1280);
        assertEquals(200, reader.navigate(url("/console/invoices/" + invoice)).status());
        assertEquals(0, reader.locator("main form").count(), "no forms for billing-read");
        assertEquals(1, reader.getByText("Download PDF").count());
        Page stranger = pageAs(TestTokens.admin("tenant-" + UUID.randomUUID()), 1280);
        for (String foreign : List.of("/console/invoices/" + invoice, "/console/customers/" + ada.customer(),
                "/console/invoices/" + invoice + "/pdf")) {
            assertEquals(404, stranger.navigate(url(foreign)).status(), foreign);
        }
    }

    @Test
    void theOperationsPageShowsTheBillRunDunningWebhookDeliveriesAndRevenue() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            post("/v1/webhook-endpoints", Map.of("url", receiver.url("/billing-events"), "event_types",
                    List.of("invoice.paid")));
            Flow paying = subscribeWithCard("tok_visa");
            Flow declined = subscribeWithCard("tok_chargeDeclined");
            Awaitility.await("one renewal paid, one declined").atMost(FLOW_DEADLINE)
                    .pollInterval(Duration.ofMillis(300)).until(() -> get("/v1/invoices?subscription_id="
                            + paying.subscription()).getString("data[0].status").equals("paid")
                            && get("/v1/invoices?subscription_id=" + declined.subscription())
                                    .getString("data[0].last_payment_error.code") != null);
            Awaitility.await("the webhook delivered").atMost(FLOW_DEADLINE).until(() -> receiver.received().size(),
                    count -> count == 1);

            Page page = pageAs(TestTokens.admin(tenant), 1280);
            page.navigate(url("/console/operations"));
            assertEquals("2", page.locator("#bill-run-renewed").innerText());
            assertEquals("1", page.locator("#bill-run-paid").innerText());
            assertEquals("1", page.locator("#bill-run-failed").innerText());
            String dunning = page.locator("table").first().innerText();
            assertTrue(dunning.contains("$19.99"), dunning);
            assertEquals(12, page.locator("svg rect.recognized").count(), "a year of months");
            screenshot(page, "console-operations-1280");

            // The endpoint's delivery log, and a replay of its delivery
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(receiver.url("/billing-events")))
                    .click();
            page.waitForURL("**/console/operations/webhooks/*");
            assertTrue(page.locator("tbody").innerText().contains("invoice.paid"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Replay invoice.paid")).click();
            page.waitForURL("**?done=replayed");
            Awaitility.await("the replay delivered").atMost(FLOW_DEADLINE).until(() -> receiver.received().size(),
                    count -> count == 2);
            assertEquals(receiver.received().get(0).header("Billing-Event-Id"),
                    receiver.received().get(1).header("Billing-Event-Id"), "the same event, sent again");
            reloadUntil(page, p -> p.locator("tbody tr").count() == 2);

            Page phone = pageAs(TestTokens.admin(tenant), 390);
            phone.navigate(url("/console/operations"));
            assertTrue(phone.evaluate("document.documentElement.scrollWidth <= 390").equals(Boolean.TRUE),
                    "no horizontal scrolling at 390 px");
            screenshot(phone, "console-operations-390");
        }
    }

    /** Reloads the page until it shows what an asynchronous step (a payment, a refund) changes. */
    private static void reloadUntil(Page page, Predicate<Page> shown) {
        Awaitility.await("the page shows it: " + page.url()).atMost(FLOW_DEADLINE).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    page.reload();
                    return shown.test(page);
                });
    }
}
