package io.webhookactions.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.testing.Engine;
import io.webhookactions.testing.Eventually;
import io.webhookactions.testing.HeadlessChromium;
import io.webhookactions.testing.ServiceUnderTest;
import io.webhookactions.testing.Upstream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The testing panel in headless Chromium (Debian {@code chromium} + {@code chromium-driver}, which
 * {@code .ci/run} installs): choose an action, fill its inputs, run it against a local upstream, and see
 * the status, the attributes and the request/response detail, at 1280x800 and in a narrow window; the History view
 * with its filters, pages and the detail of one execution.
 */
class TestingPanelBrowserTest {

    @TempDir
    static Path dir;

    private static Upstream upstream;
    private static ServiceUnderTest service;
    private static int port;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        upstream = new Upstream().on("/profiles", (exchange, body) -> Upstream.respond(exchange, 200, "application/json",
                "{\"profile\": {\"name\": \"Ada Lovelace\", \"tier\": \"gold\"}, \"id\": \""
                        + exchange.getRequestURI().getPath().substring("/profiles/".length()) + "\"}"));
        Path routes = Files.createDirectory(dir.resolve("routes"));
        for (String definition : List.of("get_profile", "create_note", "history_ping", "history_fail", "old_lookup")) {
            Files.copy(Engine.DEFINITIONS.resolve("panel/" + definition + ".webhook.json"), routes.resolve(definition + ".webhook.json"));
        }
        service = ServiceUnderTest.start(dir, routes, "upstream=" + upstream.url(""));
        port = service.port();
        browser = HeadlessChromium.start(dir.resolve("chrome-profile"), 1280, 800);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private static String base() {
        return "http://127.0.0.1:" + port + "/";
    }

    @Test
    void chooseAnActionFillItsInputsAndSeeTheResult() throws Exception {
        browser.manage().window().setSize(new Dimension(1280, 800));
        browser.get(base());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));

        WebElement card = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-action='get_profile']")));
        assertThat(card.getText()).contains("get_profile").contains("Read a profile").contains("GET").contains("/profiles/{user_id}");
        card.click();
        List<String> inputs = browser.findElements(By.cssSelector("#input-fields input")).stream()
                .map(input -> input.getAttribute("data-input")).toList();
        assertThat(inputs).containsExactly("user.user_id", "session.channel");
        browser.findElement(By.cssSelector("[data-input='user.user_id']")).sendKeys("u-42");
        browser.findElement(By.cssSelector("[data-input='session.channel']")).sendKeys("web");
        browser.findElement(By.cssSelector("[data-testid='run']")).click();

        WebElement outcome = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='outcome']")));
        wait.until(driver -> outcome.getAttribute("data-success") != null);
        assertThat(outcome.getAttribute("data-success")).isEqualTo("true");
        assertThat(browser.findElement(By.id("outcome-icon")).getText()).isEqualTo("✓");
        assertThat(browser.findElement(By.id("outcome-text")).getText()).contains("200");
        assertThat(row("user.profile_name")).isEqualTo("Ada Lovelace");
        assertThat(row("session.tier")).isEqualTo("gold");
        assertThat(row("user.get_profile_action_success")).isEqualTo("true");
        assertThat(row("user.get_profile_status_code")).isEqualTo("200");
        String exchange = browser.findElement(By.cssSelector("[data-testid='exchange']")).getText();
        assertThat(exchange).contains("GET " + upstream.url("/profiles/u-42")).contains("X-Channel: web").contains("HTTP 200")
                .contains("\"tier\": \"gold\"");
        assertThat(upstream.last().header("X-Channel")).isEqualTo("web");
        screenshot("panel.png");

        browser.findElement(By.cssSelector("[data-testid='popout']")).click();
        WebElement modal = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='modal-exchange']")));
        assertThat(modal.getText()).contains("X-Channel: web").contains("Ada Lovelace");
        screenshot("panel-detail.png");
        browser.findElement(By.cssSelector("[data-testid='modal-close']")).click();
        wait.until(ExpectedConditions.invisibilityOf(modal));
    }

    @Test
    void aFailedCallShowsARedCrossAndTheError() {
        browser.manage().window().setSize(new Dimension(1280, 800));
        browser.get(base() + "#create_note");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-input='user.note']"))).sendKeys("hello");
        browser.findElement(By.cssSelector("[data-testid='run']")).click();

        WebElement outcome = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='outcome']")));
        wait.until(driver -> outcome.getAttribute("data-success") != null);
        assertThat(outcome.getAttribute("data-success")).isEqualTo("false");
        assertThat(browser.findElement(By.id("outcome-icon")).getText()).isEqualTo("✗");
        assertThat(browser.findElement(By.id("outcome-text")).getText()).contains("404");
        assertThat(row("user.create_note_action_success")).isEqualTo("false");
    }

    @Test
    void narrowWindowHasNoSidewaysScrolling() {
        browser.manage().window().setSize(new Dimension(420, 800));
        browser.get(base() + "#get_profile");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-input='user.user_id']")));

        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");

        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
        screenshot("panel-narrow.png");
    }

    @Test
    void legacyActionsAreMarkedInTheListAndTheApi() throws Exception {
        browser.manage().window().setSize(new Dimension(1280, 800));
        browser.get(base());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));

        WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-action='old_lookup']")));

        assertThat(card.getText()).contains("Legacy Webhook Action").contains("POST");
        String list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "api/actions")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(list).contains("\"name\":\"old_lookup\"").contains("\"legacy\":true");
        assertThat(list.indexOf("\"legacy\"")).isGreaterThan(list.indexOf("old_lookup"));
    }

    @Test
    void theHistoryViewFiltersPagesAndShowsAnExecutionWithItsRequestAndResponse() throws Exception {
        for (int i = 0; i < 26; i++) {
            assertThat(service.post("/api/actions/history_ping/test", "{\"user\": {\"user_id\": \"p" + i + "\"}}").statusCode()).isEqualTo(200);
        }
        assertThat(service.post("/api/actions/history_fail/test", "{}").statusCode()).isEqualTo(200);
        Eventually.await(Duration.ofSeconds(20), "27 executions recorded", () -> {
            try {
                String body = service.get("/api/executions?limit=100").body();
                return body.split("\"history_ping\"", -1).length == 27 && body.contains("\"history_fail\"");
            } catch (Exception e) {
                return false;
            }
        });
        browser.manage().window().setSize(new Dimension(1280, 800));
        browser.get(base());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid='tab-history']"))).click();
        wait.until(driver -> !historyRows().isEmpty());

        WebElement action = browser.findElement(By.cssSelector("[data-testid='history-action']"));
        action.sendKeys("history_ping");
        browser.findElement(By.cssSelector("[data-testid='history-show']")).click();
        wait.until(driver -> historyRows().size() == 25 && historyRows().stream().allMatch(row -> row.contains("history_ping")));
        String newest = browser.findElements(By.cssSelector("#history-rows tr")).get(0).getAttribute("data-id");
        browser.findElement(By.cssSelector("[data-testid='history-older']")).click();
        wait.until(driver -> historyRows().size() == 1);
        assertThat(browser.findElement(By.cssSelector("[data-testid='history-older']")).isEnabled()).isFalse();
        browser.findElement(By.cssSelector("[data-testid='history-newer']")).click();
        wait.until(driver -> historyRows().size() == 25);

        browser.findElements(By.cssSelector("#history-rows tr")).get(0).click();
        WebElement detail = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='history-detail']")));
        wait.until(driver -> newest.equals(detail.getAttribute("data-id")));
        assertThat(browser.findElement(By.cssSelector("[data-testid='history-exchange']")).getText())
                .contains("GET " + upstream.url("/profiles/p25")).contains("HTTP 200").contains("Ada Lovelace");
        assertThat(browser.findElement(By.cssSelector("[data-testid='history-meta']")).getText()).contains("test").contains("local");

        action.clear();
        new Select(browser.findElement(By.cssSelector("[data-testid='history-success']"))).selectByValue("false");
        browser.findElement(By.cssSelector("[data-testid='history-show']")).click();
        wait.until(driver -> !historyRows().isEmpty() && browser.findElements(By.cssSelector("#history-rows tr")).stream()
                .allMatch(row -> "false".equals(row.getAttribute("data-success"))));
        browser.findElements(By.cssSelector("#history-rows tr")).stream().filter(row -> row.getText().contains("history_fail"))
                .findFirst().orElseThrow().click();
        WebElement outcome = browser.findElement(By.cssSelector("[data-testid='history-outcome']"));
        wait.until(driver -> "false".equals(outcome.getAttribute("data-success")));
        assertThat(outcome.getText()).contains("404");
        assertThat(browser.findElement(By.cssSelector("[data-testid='history-exchange']")).getText())
                .contains("GET " + upstream.url("/missing")).contains("HTTP 404");
        screenshot("panel-history.png");

        browser.manage().window().setSize(new Dimension(420, 800));
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("no sideways scrolling in a narrow window").isLessThanOrEqualTo(0);
        screenshot("panel-history-narrow.png");
        browser.manage().window().setSize(new Dimension(1280, 800));

        browser.findElement(By.cssSelector("[data-testid='tab-test']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='action-list']")));
        assertThat(browser.findElement(By.id("view-history")).isDisplayed()).isFalse();
    }

    private static List<String> historyRows() {
        return browser.findElements(By.cssSelector("#history-rows tr")).stream().map(WebElement::getText).toList();
    }

    private static String row(String attribute) {
        return browser.findElement(By.cssSelector("tr[data-attribute='" + attribute + "'] td:last-child")).getText();
    }

    private static void screenshot(String name) throws RuntimeException {
        try {
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
