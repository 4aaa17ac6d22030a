package dev.billforge.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;

/**
 * People sign in: the OIDC authorization code flow (quarkus-oidc) against the local stack's development sign-in, a
 * tenant and a role; the session is a cookie, HttpOnly and SameSite=Lax, and the console forwards its access token.
 */
class ConsoleSignInSystemTest extends BrowserSystemTestBase {

    @Test
    void aPersonSignsInAsATenantWorksAndSignsOut() throws Exception {
        Flow flow = subscribeWithCard("tok_visa");
        awaitActive(flow);

        Page page = anonymousPage(1280);
        page.navigate(url("/console/subscriptions?status=active"));
        assertEquals("Development sign-in", page.locator("h1").innerText(), "sent to sign in first");
        page.getByLabel("Tenant").fill(tenant);
        page.getByLabel("Role").selectOption("billing-admin");
        screenshot(page, "console-sign-in");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL("**/console/subscriptions?status=active");
        assertTrue(page.url().startsWith(url("/console")), "back on the ingress: " + page.url());
        assertEquals(1, page.locator("article.card").count());
        assertTrue(page.locator(".who").innerText().contains(tenant));

        Cookie session = page.context().cookies().stream().filter(cookie -> cookie.name.equals("q_session"))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + page.context().cookies()));
        assertTrue(session.httpOnly, "scripts cannot read the session");
        assertEquals(SameSiteAttribute.LAX, session.sameSite);
        assertTrue(session.secure, "Secure outside the local stack (Chromium keeps it on 127.0.0.1)");

        // An action works with the session alone: the console forwards the signed-in person's access token
        page.locator("#open-" + flow.subscription()).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pause")).click();
        page.waitForURL("**/console/subscriptions/" + flow.subscription() + "?done=paused");
        assertEquals("paused", get("/v1/subscriptions/" + flow.subscription()).getString("status"));

        // Signing out ends the session: the next page asks to sign in again
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign out")).click();
        page.waitForSelector("h1:text('Development sign-in')");
        assertTrue(page.context().cookies().stream().noneMatch(cookie -> cookie.name.equals("q_session")));
    }

    @Test
    void aReaderSignedInSeesNoActions() {
        Flow flow = subscribeWithCard("tok_visa");
        Page page = anonymousPage(1280);
        page.navigate(url("/console/subscriptions/" + flow.subscription()));
        page.getByLabel("Tenant").fill(tenant);
        page.getByLabel("Role").selectOption("billing-read");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL("**/console/subscriptions/" + flow.subscription());
        assertTrue(page.locator(".who").innerText().contains("read only"));
        assertEquals(List.of(), page.locator("main form").all(), "no forms for billing-read");
        assertFalse(page.getByText("Cancel subscription").isVisible());
    }

    /** A browser without a bearer token: what a person has. */
    private Page anonymousPage(int width) {
        BrowserContext context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(width, 900));
        track(context);
        return context.newPage();
    }
}
