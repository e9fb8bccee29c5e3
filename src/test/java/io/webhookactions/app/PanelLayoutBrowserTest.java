package io.webhookactions.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.testing.Eventually;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The panel as a newcomer first sees it: the shipped examples ({@code routes/}) and configuration with the
 * built-in demo, {@code get_user} run with {@code user.user_id = 42}, at 420, 800, 1280 and 1920 px wide. At
 * each width nothing scrolls sideways, no element sticks out of its box, and no two elements overlap. Each
 * width leaves {@code target/panel-WIDTH.png}; with {@code -Dpanel.update-docs=true} the 1280 px one replaces
 * {@code docs/panel.png}, the picture the README shows.
 */
class PanelLayoutBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

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
            const shown = e => {
              const r = e.getBoundingClientRect();
              return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden' && e.getClientRects().length > 0;
            };
            const boxes = Array.from(document.querySelectorAll(
                'header.top > *, section, .action-card, .action-card > *, .problems, .action-title > *, #action-description,'
                + ' #action-url, .field label, .field input, #run, .outcome, .error, table, th, td, .response-head > *,'
                + ' .exchange .part, .exchange pre, .exchange h4, .key-form, h2, h3'))
              .filter(shown);
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

    private static ServiceUnderTest service;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the browser test needs Debian's chromium and chromium-driver: apt-get install chromium chromium-driver"
                        + " (.ci/run installs them)")
                .isTrue();
        Path routes = Path.of("routes").toAbsolutePath();
        service = ServiceUnderTest.start(dir, routes, Files.readString(Path.of("config/application.properties"))
                + "\nwebhook.routes=" + routes + "\nwebhook.attributes-file=" + Path.of("config/attributes.json").toAbsolutePath()
                + "\nwebhook.secrets-file=" + dir.resolve("secrets.json") + "\nwebhook.master-key-file=" + dir.resolve("master.key")
                + "\n");
        HttpClient client = HttpClient.newHttpClient();
        Eventually.await(Duration.ofSeconds(30), "the service is healthy", () -> {
            try {
                return client.send(HttpRequest.newBuilder(URI.create(base() + "observe/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).body().contains("UP");
            } catch (Exception e) {
                return false;
            }
        });
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--user-data-dir=" + Files.createDirectory(dir.resolve("chrome-profile")), "--window-size=1920,1080");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
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

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {420, 800, 1280, 1920})
    void theQuickStartsPanelHoldsItsLayout(int width) throws IOException {
        // The viewport itself is set (not the window), so "420 px" is the width the page lays out in.
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", false));
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
        if (width == 1280 && Boolean.getBoolean("panel.update-docs")) {
            Files.copy(shot, Path.of("docs", "panel.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
