package dev.billforge.systemtest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;

import dev.billforge.testsupport.TestTokens;

/**
 * The web console in a real headless Chromium (Debian's, driven by Playwright), through the ingress, with the
 * tenants' bearer tokens sent on every request as a script would. Screenshots of the pages it visits land in
 * {@code system-test/target/screenshots}.
 */
class ConsoleSystemTest extends BrowserSystemTestBase {

    @Test
    void aBillingAdminListsSubscriptionsAndCancelsOneAtThePeriodEnd() throws Exception {
        Flow ada = subscribeWithCard("tok_visa");
        String hostileName = "<script>alert('owned')</script>";
        String mallory = post("/v1/customers", Map.of("billing_email", "mallory+" + UUID.randomUUID() + "@example.com",
                "name", hostileName));
        post("/v1/payment-methods", Map.of("customer_id", mallory, "provider", "simulator", "token", "tok_visa"));
        String malloryPlan = post("/v1/plans", Map.of("name", "Silver yearly", "amount", 9900, "currency", "EUR",
                "interval", "year"));
        post("/v1/subscriptions", Map.of("customer_id", mallory, "plan_id", malloryPlan));
        Awaitility.await("both subscriptions active").atMost(FLOW_DEADLINE).pollInterval(Duration.ofMillis(300))
                .until(() -> get("/v1/subscriptions?status=active").getList("data").size() == 2);

        Page page = pageAs(TestTokens.admin(tenant), 1280);
        Response list = page.navigate(url("/console/subscriptions"));
        assertEquals(200, list.status());
        assertTrue(list.headers().get("content-security-policy").contains("script-src 'self'"),
                "the page forbids inline script");
        assertEquals(2, page.locator("article.card").count());
        String cards = page.locator("#cards").innerText();
        assertTrue(cards.contains("Gold monthly") && cards.contains("$19.99 / month"), cards);
        assertTrue(cards.contains("Silver yearly") && cards.contains("€99.00 / year"), cards);
        assertTrue(cards.contains(hostileName), "the customer's name shows as text: " + cards);
        assertEquals(2, page.locator(".badge-active").count());
        screenshot(page, "console-subscriptions-1280");

        // Filter by the customer's email (the services compare its blind index)
        page.getByLabel("Customer email").fill(ada.email());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
        page.waitForURL("**/console/subscriptions?**");
        assertEquals(1, page.locator("article.card").count());

        // Cancel at the period end, after a confirmation
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Gold monthly")).click();
        page.waitForURL("**/console/subscriptions/" + ada.subscription());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Cancel subscription…")).click();
        assertTrue(page.locator("h1").innerText().contains("Cancel this subscription?"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel at period end")
                .setExact(false)).click();
        page.waitForURL("**/console/subscriptions/" + ada.subscription() + "?done=cancels");
        assertTrue(page.locator(".notice").innerText().contains("end of its current period"));
        assertTrue(page.locator(".badge-ending").isVisible());
        assertEquals(true, get("/v1/subscriptions/" + ada.subscription()).getBoolean("cancel_at_period_end"));
        screenshot(page, "console-subscription-1280");

        // The list shows it too; at a phone's width the cards stack
        Page phone = pageAs(TestTokens.admin(tenant), 390);
        phone.navigate(url("/console/subscriptions"));
        assertEquals(1, phone.locator("article.card .badge-ending").count());
        assertTrue(phone.evaluate("document.documentElement.scrollWidth <= 390").equals(Boolean.TRUE),
                "no horizontal scrolling at 390 px");
        screenshot(phone, "console-subscriptions-390");
    }

    @Test
    void theListUpdatesWithoutAReloadAndAPausedSubscriptionIsResumedFromItsPage() {
        Flow flow = subscribeWithCard("tok_visa");
        awaitActive(flow);
        Page page = pageAs(TestTokens.admin(tenant), 1280);
        page.navigate(url("/console/subscriptions"));
        assertEquals(1, page.locator(".badge-active").count());
        String listUrl = page.url();

        // Paused elsewhere (the API): the open list shows it within its refresh, without a reload
        as(tenant).post("/v1/subscriptions/" + flow.subscription() + "/pause").then().statusCode(200);
        page.waitForSelector("article.card .badge-paused", new Page.WaitForSelectorOptions().setTimeout(20_000));
        assertEquals(listUrl, page.url());

        page.locator("#open-" + flow.subscription()).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resume")).click();
        page.waitForURL("**/console/subscriptions/" + flow.subscription() + "?done=resumed");
        assertTrue(page.locator(".badge-active").isVisible());
        assertEquals("active", get("/v1/subscriptions/" + flow.subscription()).getString("status"));
    }

    @Test
    void aBillingAdminChangesThePlanAfterSeeingTheProrationPreview() throws Exception {
        Flow flow = subscribeWithCard("tok_visa");
        String pro = post("/v1/plans", Map.of("name", "Gold Pro monthly", "amount", 3998, "currency", "USD",
                "interval", "month"));
        post("/v1/plans", Map.of("name", "Euro monthly", "amount", 1999, "currency", "EUR", "interval", "month"));
        awaitActive(flow);

        Page page = pageAs(TestTokens.admin(tenant), 1280);
        page.navigate(url("/console/subscriptions/" + flow.subscription()));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Change plan…")).click();
        assertEquals(1, page.locator("#plan option").count(), "only active plans in the subscription's currency");
        page.getByLabel("New plan").selectOption(pro);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview")).click();
        page.waitForURL("**/change-plan?plan=" + pro + "**");
        String lines = page.locator("tbody").innerText();
        assertTrue(lines.contains("Unused time on Gold monthly") && lines.contains("Remaining time on Gold Pro"), lines);
        assertTrue(page.locator("tfoot").innerText().contains("Added to the next invoice"));
        long previewed = get("/v1/subscriptions/" + flow.subscription() + "/change-plan/preview?plan_id=" + pro)
                .getLong("amount");
        assertTrue(previewed > 1900 && previewed <= 1999, "about the difference for the rest of the period: "
                + previewed);
        screenshot(page, "console-change-plan-1280");
        assertEquals("Gold monthly", get("/v1/subscriptions/" + flow.subscription()).getString("plan.name"),
                "a preview changes nothing");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change to Gold Pro monthly")).click();
        page.waitForURL("**/console/subscriptions/" + flow.subscription() + "?done=plan-changed");
        assertEquals("Gold Pro monthly", page.locator("h1").innerText());
        assertEquals(pro, get("/v1/subscriptions/" + flow.subscription()).getString("plan.id"));
    }

    @Test
    void aBillingAdminAddsAPlanAndArchivesIt() throws Exception {
        Page page = pageAs(TestTokens.admin(tenant), 1280);
        page.navigate(url("/console/plans"));
        page.getByText("New plan").click();
        page.locator("#plan-name").fill("Team annual");
        page.getByLabel("Price").fill("120.50");
        page.getByLabel("Currency").fill("eur");
        page.getByLabel("Billed every").selectOption("year");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add plan")).click();
        page.waitForURL("**/console/plans?done=created");
        assertTrue(page.locator("tbody").innerText().contains("€120.50 / year"), page.locator("tbody").innerText());
        assertEquals(12050, get("/v1/plans").getLong("data[0].amount"));
        screenshot(page, "console-plans-1280");

        // Renamed (its price never changes), then archived
        String plan = get("/v1/plans").getString("data[0].id");
        page.getByText("Edit Team annual").click();
        page.locator("#name-" + plan).fill("Team annual (EU)");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        page.waitForURL("**/console/plans?done=edited");
        assertEquals("Team annual (EU)", get("/v1/plans/" + plan).getString("name"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Archive Team annual (EU)")).click();
        page.waitForURL("**/console/plans?done=archived");
        assertEquals(1, page.locator(".badge-canceled").count());
        assertFalse(get("/v1/plans").getBoolean("data[0].active"));

        // More decimals than the currency has is refused with the field named, never rounded
        page.getByText("New plan").click();
        page.locator("#plan-name").fill("Odd");
        page.getByLabel("Price").fill("1.005");
        page.getByLabel("Currency").fill("USD");
        Response refused = page.waitForNavigation(() -> page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Add plan")).click());
        assertEquals(400, refused.status());
        assertTrue(page.locator(".problem").innerText().contains("more decimals"));

        Page reader = pageAs(TestTokens.reader(tenant), 1280);
        reader.navigate(url("/console/plans"));
        assertEquals(0, reader.locator("main form").count(), "no forms for billing-read");
    }

    @Test
    void aReaderSeesNoActionsAndAnotherTenantsSubscriptionIsNotFound() throws Exception {
        Flow flow = subscribeWithCard("tok_visa");
        Page reader = pageAs(TestTokens.reader(tenant), 1280);
        Response detail = reader.navigate(url("/console/subscriptions/" + flow.subscription()));
        assertEquals(200, detail.status());
        assertEquals(0, reader.locator("main form").count(), "no forms for billing-read");
        assertEquals(0, reader.getByText("Cancel subscription").count());
        assertTrue(reader.locator(".who").innerText().contains("read only"));
        assertEquals(403, reader.navigate(url("/console/subscriptions/" + flow.subscription() + "/cancel")).status());

        Page stranger = pageAs(TestTokens.admin("tenant-" + UUID.randomUUID()), 1280);
        Response foreign = stranger.navigate(url("/console/subscriptions/" + flow.subscription()));
        assertEquals(404, foreign.status());
        assertEquals("Not found", stranger.locator("h1").innerText());
        Response malformed = stranger.navigate(url("/console/subscriptions/..%2F..%2Fv1"));
        assertEquals(404, malformed.status());
        screenshot(stranger, "console-not-found");
    }

    @Test
    void aFormSubmittedTwiceAtOnceIsOneActionAndBothEndWhereTheFirstDid() throws Exception {
        Flow flow = subscribeWithCard("tok_visa");
        awaitActive(flow);
        String token = TestTokens.admin(tenant);
        String html = given().auth().oauth2(token).get(url("/console/subscriptions/" + flow.subscription())).then()
                .statusCode(200).extract().asString();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"")
                .matcher(html);
        java.util.regex.Matcher key = java.util.regex.Pattern
                .compile("name=\"idempotency_key\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(csrf.find() && key.find(), "the page's forms carry their token and key");
        java.util.concurrent.Callable<io.restassured.response.Response> pause = () -> given().auth().oauth2(token)
                .redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("csrf_token", csrf.group(1)).formParam("idempotency_key", key.group(1))
                .post(url("/console/subscriptions/" + flow.subscription() + "/pause"));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(pause);
            var second = pool.submit(pause);
            for (var answer : List.of(first.get(), second.get())) {
                assertEquals(303, answer.statusCode(), answer.asString());
                assertEquals("/console/subscriptions/" + flow.subscription() + "?done=paused", answer.header("Location"));
            }
        } finally {
            pool.shutdown();
        }
        assertEquals("paused", get("/v1/subscriptions/" + flow.subscription()).getString("status"));
    }

    @Test
    void aFormPostWithoutItsCsrfTokenIsRefusedAndNothingChanges() {
        Flow flow = subscribeWithCard("tok_visa");
        given().auth().oauth2(TestTokens.admin(tenant)).contentType("application/x-www-form-urlencoded")
                .formParam("when", "now").post(url("/console/subscriptions/" + flow.subscription() + "/cancel"))
                .then().statusCode(403).contentType("text/html");
        given().auth().oauth2(TestTokens.admin(tenant)).contentType("application/x-www-form-urlencoded")
                .formParam("when", "now").formParam("csrf_token", "forged")
                .post(url("/console/subscriptions/" + flow.subscription() + "/cancel")).then().statusCode(403);
        assertFalse(get("/v1/subscriptions/" + flow.subscription()).getString("status").equals("canceled"));
        // Without a token a person is sent to sign in; an expired token gets the sign-in page, never a trace
        given().redirects().follow(false).get(url("/console/subscriptions")).then().statusCode(302)
                .header("Location", org.hamcrest.Matchers.containsString("/dev-sign-in/authorize?"));
        given().auth().oauth2(TestTokens.expired(tenant, TestTokens.ADMIN)).get(url("/console/subscriptions")).then()
                .statusCode(401).contentType("text/html").body(org.hamcrest.Matchers.containsString("Sign in"));
    }
}
