package io.webhookactions.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.testing.HeadlessChromium;
import io.webhookactions.testing.KeysCommand;
import io.webhookactions.testing.ServiceUnderTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The panel as a newcomer first sees it: a copy of the shipped examples ({@code routes/}) and the shipped
 * configuration with the built-in demo, {@code get_user} run with {@code user.user_id = 42}, at 420, 800, 1280
 * and 1920 px wide. At each width nothing scrolls sideways, no element sticks out of its box, and no two
 * elements overlap, in the Test view and in the History view showing that run. Each width leaves
 * {@code target/panel-WIDTH.png} and {@code target/panel-history-WIDTH.png}; with {@code -Dpanel.update-docs=true}
 * they become the pictures of {@code docs/panel.md}: the 1280 px ones {@code docs/panel.png} (the README shows it) and
 * {@code docs/panel-history.png}, the others {@code docs/panel-WIDTH.png}. Then, without reloading the page, a
 * new definition file appears in the list, then its edit, and a broken one in the problems; both go again when removed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuickStartPanelBrowserTest {

    /**
     * Returns one line per layout fault among the visible elements of the page: a page wider than the window,
     * content wider than its own box (text that does not wrap, a grid column too narrow), an element reaching
     * out of its section, and two elements (neither inside the other) whose boxes overlap. A pixel of slack
     * absorbs sub-pixel rounding.
     */
    private static final String LAYOUT_FAULTS = """
            const faults = [];
            const root = document.documentElement;
            if (root.scrollWidth > root.clientWidth) {
              faults.push('the page scrolls sideways: ' + root.scrollWidth + ' px of content in ' + root.clientWidth + ' px');
            }
            const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                + (e.dataset.action ? '[' + e.dataset.action + ']' : '') + (e.dataset.input ? '[' + e.dataset.input + ']' : '')
                + (e.dataset.attribute ? '[' + e.dataset.attribute + ']' : '');
            // What a box of its own scrolls sideways (the history table in a narrow window) may be wider than the page.
            const scrolledInside = e => {
              for (let p = e.parentElement; p && p.tagName !== 'SECTION'; p = p.parentElement) {
                if (getComputedStyle(p).overflowX !== 'visible') return true;
              }
              return false;
            };
            const shown = e => {
              const r = e.getBoundingClientRect();
              return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden' && e.getClientRects().length > 0;
            };
            const boxes = Array.from(document.querySelectorAll(
                'header.top > *, section, .action-card, .action-card > *, .problems, .action-title > *, #action-description,'
                + ' #action-url, .field label, .field input, #run, .outcome, .error, table, th, td, .response-head > *,'
                + ' .exchange .part, .exchange pre, .exchange h4, .key-form, h2, h3, .views button, .history-filters label,'
                + ' .history-filters input, .history-filters select, .history-buttons button, .history-scroll, .history-table,'
                + ' .history-paging button, .history-meta dt, .history-meta dd'))
              .filter(shown).filter(e => !scrolledInside(e));
            for (const e of boxes) {
              const style = getComputedStyle(e);
              const clips = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
              if (!clips && e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0 && e.tagName !== 'TABLE') {
                faults.push(name(e) + ' holds ' + e.scrollWidth + ' px of content in ' + e.clientWidth + ' px');
              }
              const section = e.parentElement && e.parentElement.closest('section');
              if (section) {
                const r = e.getBoundingClientRect(), s = section.getBoundingClientRect();
                if (r.left < s.left - 1 || r.right > s.right + 1) {
                  faults.push(name(e) + ' reaches out of ' + name(section) + ': ' + Math.round(r.left) + '..' + Math.round(r.right)
                      + ' in ' + Math.round(s.left) + '..' + Math.round(s.right));
                }
              }
            }
            for (let i = 0; i < boxes.length; i++) {
              for (let j = i + 1; j < boxes.length; j++) {
                const a = boxes[i], b = boxes[j];
                if (a.contains(b) || b.contains(a)) continue;
                const p = a.getBoundingClientRect(), q = b.getBoundingClientRect();
                const x = Math.min(p.right, q.right) - Math.max(p.left, q.left);
                const y = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
                if (x > 1 && y > 1) {
                  faults.push(name(a) + ' overlaps ' + name(b) + ' by ' + Math.round(x) + 'x' + Math.round(y) + ' px');
                }
              }
            }
            return faults;
            """;

    @TempDir
    static Path dir;

    private static Path routes;
    private static ServiceUnderTest service;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        routes = Files.createDirectory(dir.resolve("routes"));
        try (var shipped = Files.list(Path.of("routes"))) {
            for (Path file : shipped.toList()) {
                Files.copy(file, routes.resolve(file.getFileName().toString()));
            }
        }
        service = ServiceUnderTest.start(dir, routes, Files.readString(Path.of("config/application.properties"))
                + "\nwebhook.routes=" + routes + "\nwebhook.attributes-file=" + Path.of("config/attributes.json").toAbsolutePath()
                + "\nwebhook.secrets-file=" + dir.resolve("secrets.json") + "\nwebhook.master-key-file=" + dir.resolve("master.key")
                + "\n");
        browser = HeadlessChromium.start(dir.resolve("chrome-profile"), 1920, 1080);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.close();
        }
    }

    private static String base() {
        return "http://127.0.0.1:" + service.port() + "/";
    }

    @Order(1)
    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {420, 800, 1280, 1920})
    void theQuickStartsPanelHoldsItsLayout(int width) throws IOException {
        // The viewport itself is set (not the window), so "420 px" is the width the page lays out in.
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", false));
        browser.get("about:blank"); // a fresh page: the one before may show the same address in another view
        browser.get(base() + "#get_user");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        WebElement userId = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-input='user.user_id']")));
        assertThat(browser.findElement(By.id("action-url")).getText()).as("the URL is shown resolved")
                .startsWith("http://localhost:" + service.port() + "/demo/").doesNotContain("{{");
        userId.clear();
        userId.sendKeys("42");
        browser.findElement(By.cssSelector("[data-testid='run']")).click();
        WebElement outcome = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='outcome']")));
        wait.until(driver -> outcome.getAttribute("data-success") != null);
        assertThat(outcome.getAttribute("data-success")).as(browser.findElement(By.id("outcome-text")).getText()).isEqualTo("true");
        assertThat(browser.findElement(By.id("outcome-text")).getText()).contains("Success").contains("200");

        @SuppressWarnings("unchecked")
        List<String> faults = (List<String>) ((JavascriptExecutor) browser).executeScript(LAYOUT_FAULTS);
        Path shot = Path.of("target", "panel-" + width + ".png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));

        assertThat(faults).as("layout at %d px (see %s)", width, shot).isEmpty();

        browser.findElement(By.cssSelector("[data-testid='tab-history']")).click();
        wait.until(driver -> !driver.findElements(By.cssSelector("#history-rows tr")).isEmpty());
        browser.findElements(By.cssSelector("#history-rows tr")).get(0).click();
        WebElement detail = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='history-detail']")));
        wait.until(driver -> detail.getText().contains("Demo User 42"));
        @SuppressWarnings("unchecked")
        List<String> historyFaults = (List<String>) ((JavascriptExecutor) browser).executeScript(LAYOUT_FAULTS);
        Path historyShot = Path.of("target", "panel-history-" + width + ".png");
        Files.write(historyShot, browser.getScreenshotAs(OutputType.BYTES));

        assertThat(historyFaults).as("history view at %d px (see %s)", width, historyShot).isEmpty();
        if (Boolean.getBoolean("panel.update-docs")) {
            Files.copy(shot, Path.of("docs", width == 1280 ? "panel.png" : "panel-" + width + ".png"), StandardCopyOption.REPLACE_EXISTING);
            if (width == 1280) {
                Files.copy(historyShot, Path.of("docs", "panel-history.png"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Order(2)
    @Test
    void aNewAndABrokenFileShowUpWithoutReloadingThePageAndGoWhenRemoved() throws Exception {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 900, "deviceScaleFactor", 1, "mobile", false));
        browser.get(base());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-action='get_user']")));
        assertThat(browser.findElement(By.cssSelector("[data-testid='problems']")).isDisplayed()).isFalse();
        String page = (String) browser.executeScript("window.samePage = 'yes'; return 'set';");
        assertThat(page).isEqualTo("set");

        Files.writeString(routes.resolve("ping.webhook.json"),
                "{\"name\": \"ping\", \"description\": \"Added while the panel was open\", \"method\": \"GET\","
                        + " \"url\": \"{{demo.base-url}}/weather/v1/current?city=Paris\"}");
        Files.writeString(routes.resolve("broken.webhook.json"), "{\"name\": \"broken\", \"method\": \"FETCH\", \"url\": \"http://localhost/\"}");

        WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-action='ping']")));
        assertThat(card.getText()).contains("Added while the panel was open").contains("http://localhost:" + service.port() + "/demo/weather");
        WebElement problems = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='problems']")));
        wait.until(driver -> problems.getText().contains("broken.webhook.json"));
        assertThat(problems.getText()).contains("/method: must be one of GET, POST, PUT, DELETE, PATCH");
        Files.writeString(routes.resolve("ping.webhook.json"),
                "{\"name\": \"ping\", \"description\": \"Edited while the panel was open\", \"method\": \"POST\","
                        + " \"url\": \"{{demo.base-url}}/weather/v1/current?city=Oslo\"}");
        wait.until(driver -> driver.findElement(By.cssSelector("[data-action='ping']")).getText().contains("Edited while the panel was open"));
        assertThat(browser.findElement(By.cssSelector("[data-action='ping']")).getText()).contains("POST").contains("city=Oslo");
        assertThat(browser.executeScript("return window.samePage;")).as("the page was not reloaded").isEqualTo("yes");

        Files.delete(routes.resolve("ping.webhook.json"));
        Files.delete(routes.resolve("broken.webhook.json"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-action='ping']")));
        wait.until(ExpectedConditions.invisibilityOf(problems));
    }

    @Order(3)
    @Test
    void thePageHasAFaviconTheServiceServes() throws Exception {
        browser.get(base());
        String href = (String) browser.executeScript("return document.querySelector(\"link[rel='icon']\").href;");
        HttpResponse<String> icon = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
        assertThat(icon.body()).contains("<svg");
    }

    /** Last: once a key exists, auth applies to the whole service. */
    @Order(4)
    @Test
    void onceAKeyExistsThePanelAsksForItAndKeepsItForTheTabOnly() throws Exception {
        String key = KeysCommand.run(service, "create", "panel-user", "--role", "tester");

        browser.get(base());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='key-input']")));
        assertThat(browser.findElements(By.cssSelector("[data-action='get_user']"))).as("nothing listed without the key").isEmpty();
        input.sendKeys("wa_not-the-key-xxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        browser.findElement(By.cssSelector("[data-testid='key-save']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-message")));
        assertThat(browser.findElement(By.id("key-message")).getText()).contains("not accepted");

        input.clear();
        input.sendKeys(key);
        browser.findElement(By.cssSelector("[data-testid='key-save']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-action='get_user']")));
        assertThat(browser.findElement(By.cssSelector("[data-testid='key-form']")).isDisplayed()).isFalse();
        assertThat(browser.executeScript("return sessionStorage.getItem('webhook-actions.api-key');")).isEqualTo(key);
        assertThat(browser.executeScript("return localStorage.length + document.cookie.length;")).as("nothing kept beyond the tab")
                .isEqualTo(0L);
    }
}
