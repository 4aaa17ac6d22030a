package dev.billforge.systemtest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * A real headless Chromium (Debian's, driven by Playwright; nothing is downloaded) for the console's tests, pointed
 * at the ingress. Each page sends a tenant's bearer token on every request, as a script would. Screenshots land in
 * {@code system-test/target/screenshots}.
 */
abstract class BrowserSystemTestBase extends SystemTestBase {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    static Playwright playwright;
    static Browser browser;
    private final List<BrowserContext> contexts = new ArrayList<>();

    @BeforeAll
    static void startBrowser() {
        assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: apt-get install chromium (.ci/run does)");
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync")));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /** A page whose every request carries {@code token}, at a window {@code width} pixels wide. */
    Page pageAs(String token, int width) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setExtraHTTPHeaders(Map.of("Authorization", "Bearer " + token)).setViewportSize(width, 900));
        track(context);
        Page page = context.newPage();
        page.onDialog(dialog -> {
            throw new AssertionError("a script ran and opened a dialog: " + dialog.message());
        });
        return page;
    }

    /** Closed after the test. */
    void track(BrowserContext context) {
        contexts.add(context);
    }

    @org.junit.jupiter.api.AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
    }

    String url(String path) {
        return platform.gateway().resolve(path).toString();
    }

    static void screenshot(Page page, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
