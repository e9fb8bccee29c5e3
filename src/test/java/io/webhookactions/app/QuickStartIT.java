package io.webhookactions.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.support.Json;
import io.webhookactions.testing.Eventually;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The README's quick start, step by step, against the packaged jar as a newcomer runs it from a fresh clone:
 * the shipped config/ and routes/ copied into an empty folder (no master key, no secrets yet), the port moved with
 * CAMEL_SERVER_PORT as the README suggests for a busy 8080. The commands, the printed lines and the definition
 * of step 4 are read from README.md itself, so the README cannot drift from what works; each step asserts
 * what the README promises.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuickStartIT {

    private static final Path JAR = Path.of("target/webhook-actions.jar").toAbsolutePath();
    private static final String RUN = "java -jar target/webhook-actions.jar serve";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    static Path clone;

    private static Process serve;
    private static final List<String> OUTPUT = new CopyOnWriteArrayList<>();
    private static int port;

    private static String readme;

    @BeforeAll
    static void stepOneStartTheService() throws Exception {
        readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("```sh\n./mvnw -B package -DskipTests && " + RUN + "\n```");
        copy(Path.of("config"), clone.resolve("config"));
        copy(Path.of("routes"), clone.resolve("routes"));
        Files.createDirectories(clone.resolve("target"));
        Files.createSymbolicLink(clone.resolve("target/webhook-actions.jar"), JAR);
        Files.deleteIfExists(clone.resolve("config/master.key"));
        Files.deleteIfExists(clone.resolve("config/secrets.json"));
        Files.deleteIfExists(clone.resolve("config/api-keys.json"));
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", JAR.toString(), "serve").directory(clone.toFile())
                .redirectErrorStream(true);
        builder.environment().put("CAMEL_SERVER_PORT", String.valueOf(port));
        builder.environment().remove("WEBHOOK_ACTIONS_MASTER_KEY");
        serve = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    OUTPUT.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "serve-output");
        reader.setDaemon(true);
        reader.start();
        Eventually.await(Duration.ofSeconds(90), "the service says where the panel is", () -> OUTPUT.stream()
                .anyMatch(line -> line.equals("webhook-actions: testing panel and API on http://127.0.0.1:" + port + "/")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (serve != null) {
            serve.destroy();
            serve.waitFor(40, TimeUnit.SECONDS);
            serve.destroyForcibly();
        }
    }

    @Test
    @Order(1)
    void theServiceAnswersOnceItSaysSoOnLoopbackOnlyAndCreatedTheDemoSecrets() throws Exception {
        assertThat(get("/observe/health").statusCode()).as("ready when the line is printed, not seconds later").isEqualTo(200);
        for (String promised : block(section("1. Start the service"), "text").lines().toList()) {
            String expected = promised.strip().replace(":8080/", ":" + port + "/").replaceAll(" \\.\\.\\.$", "");
            assertThat(OUTPUT).as("the README's line %s", promised).anySatisfy(line -> assertThat(line).startsWith(expected));
        }
        assertThat(readme).contains("`CAMEL_SERVER_PORT=8081 " + RUN + "`");
        assertThat(OUTPUT).as("one server, on the port asked for").noneMatch(line -> line.contains(":8080"));
        assertThat(listeningAddresses(port)).as("ss -ltn: the port is bound on 127.0.0.1 only").containsOnly("127.0.0.1");
    }

    @Test
    @Order(2)
    void stepTwoThePanelShowsAGreenCheckForGetUserWith42() throws Exception {
        assertThat(Files.isExecutable(Path.of("/usr/bin/chromium"))).as("Debian's chromium (.ci/run installs it)").isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectory(clone.resolve("chrome-profile")), "--window-size=1280,800");
        WebDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build(), options);
        try {
            browser.get("http://localhost:" + port + "/");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-action='get_user']"))).click();
            browser.findElement(By.cssSelector("input[data-input='user.user_id']")).sendKeys("42");
            browser.findElement(By.cssSelector("[data-testid='run']")).click();
            wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-testid='outcome']"), "data-success", "true"));

            assertThat(browser.findElement(By.id("outcome-icon")).getText()).isEqualTo("✓");
            assertThat(browser.findElement(By.id("outcome-text")).getText()).startsWith("Success · 200");
            assertThat(browser.findElement(By.cssSelector("[data-attribute='user.user_name']")).getText()).contains("Demo User 42");
        } finally {
            browser.quit();
        }
        for (String action : List.of("signed_order", "oauth_profile")) {
            assertThat(test(action, "{\"user\": {\"user_id\": \"42\"}}").path("success").asBoolean())
                    .as("%s succeeds the same way", action).isTrue();
        }
        assertThat(test("mtls_balance", "{}").path("error").asText()).contains("could not connect to localhost:8443");
    }

    @Test
    @Order(3)
    void stepThreeTheSameFromATerminal() throws Exception {
        String commands = block(section("3. The same from a terminal"), "sh");
        assertThat(commands).contains("localhost:8080");

        Command terminal = shell(commands.replace("localhost:8080", "localhost:" + port));

        assertThat(terminal.exit()).as(terminal.output()).isZero();
        // curl prints each answer without a newline: two JSON documents, then what test printed.
        // test says on stderr that its run is not in the execution history: the running service holds the H2 file.
        String note = "note: the history file is in use by a running service";
        assertThat(terminal.output()).as("the README says so").contains(note);
        String output = terminal.output().replaceAll(java.util.regex.Pattern.quote(note) + "[^\n]*\n", "");
        int result = output.indexOf("✓ signed_order");
        assertThat(result).as(terminal.output()).isPositive();
        List<JsonNode> answers = new ArrayList<>();
        try (com.fasterxml.jackson.core.JsonParser parser = Json.mapper().createParser(output.substring(0, result))) {
            for (JsonNode answer = Json.mapper().readTree(parser); answer != null; answer = Json.mapper().readTree(parser)) {
                answers.add(answer);
            }
        }
        assertThat(answers).hasSize(2);
        JsonNode actions = answers.get(0);
        assertThat(actions).extracting(action -> action.path("name").asText())
                .contains("get_user", "create_ticket", "signed_order", "oauth_profile", "mtls_balance");
        assertThat(actions.get(0).path("url").asText()).as("URLs show resolved properties").doesNotContain("{{");
        assertThat(answers.get(1).path("success").asBoolean()).isTrue();
        assertThat(output.substring(result)).as("test prints only its result").startsWith("✓ signed_order  201")
                .doesNotContain(" INFO ").doesNotContain("Apache Camel").contains("X-Signature: ••••••••");
    }

    @Test
    @Order(4)
    void stepFourWriteYourOwnActionBreakItAndDeleteIt() throws Exception {
        String step = section("4. Write your own action");
        assertThat(step).startsWith("4. Write your own action, `routes/get_weather.webhook.json`");
        Path weather = clone.resolve("routes/get_weather.webhook.json");
        String definition = block(step, "json");
        Files.writeString(weather, definition);
        Eventually.await(Duration.ofSeconds(30), "the panel lists it without a restart", () -> names().contains("get_weather"));
        JsonNode result = test("get_weather", "{\"user\": {\"city\": \"Paris\"}}");
        assertThat(result.path("success").asBoolean()).isTrue();
        assertThat(result.path("attributes").path("user").path("temperature").isInt()).isTrue();

        assertThat(step).contains("(say `\"method\": \"FETCH\"`)");
        Files.writeString(weather, definition.replace("\"method\": \"GET\"", "\"method\": \"FETCH\""));
        String logged = "routes/get_weather.webhook.json: /method: must be one of GET, POST, PUT, DELETE, PATCH";
        assertThat(step).contains("`" + logged + " (the previous version keeps running)`");
        Eventually.await(Duration.ofSeconds(30), "the service logs the error", () -> OUTPUT.stream().anyMatch(line -> line.endsWith(
                logged + " (the previous version keeps running)")));
        Eventually.await(Duration.ofSeconds(10), "the panel's problem list has it", () -> names("/api/problems", "file")
                .stream().anyMatch(file -> file.endsWith("get_weather.webhook.json")));
        assertThat(test("get_weather", "{\"user\": {\"city\": \"Paris\"}}").path("success").asBoolean())
                .as("the previous version keeps running").isTrue();
        Command validate = shell(block(step.substring(step.indexOf("gate a deployment")), "sh"));
        assertThat(validate.exit()).isEqualTo(1);
        assertThat(validate.output()).contains(logged);
        assertThat(OUTPUT.stream().filter(line -> line.contains("/method: must be one of")).count())
                .as("one line per error, once per edit").isEqualTo(1);
        assertThat(OUTPUT).noneMatch(line -> line.startsWith("\tat ") || line.contains("This exception is ignored"));

        Files.delete(weather);
        Eventually.await(Duration.ofSeconds(30), "deleting the file removes the action", () -> !names().contains("get_weather"));
    }

    private static List<String> names() {
        return names("/api/actions", "name");
    }

    /** The {@code field} of each item of the JSON array at {@code path}; none while it does not answer. */
    private static List<String> names(String path, String field) {
        try {
            List<String> names = new ArrayList<>();
            Json.mapper().readTree(get(path).body()).forEach(item -> names.add(item.path(field).asText()));
            return names;
        } catch (Exception e) {
            return List.of();
        }
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode test(String action, String contexts) throws IOException, InterruptedException {
        return Json.mapper().readTree(CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/actions/"
                + action + "/test")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(contexts))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private record Command(int exit, String output) {
    }

    /** The README's text from the list item starting with {@code start} to the next one. */
    private static String section(String start) {
        int from = readme.indexOf("\n" + start);
        assertThat(from).as("README has a step starting %s", start).isPositive();
        java.util.regex.Matcher next = java.util.regex.Pattern.compile("\n\\d\\. ").matcher(readme);
        int to = next.find(from + 2) ? next.start() : readme.length();
        return readme.substring(from + 1, to);
    }

    /** The first fenced block of {@code language} in {@code text}, its indentation removed. */
    private static String block(String text, String language) {
        java.util.regex.Matcher fence = java.util.regex.Pattern.compile("(?s)\n( *)```" + language + "\n(.*?)\n *```").matcher(text);
        assertThat(fence.find()).as("a %s block in %s", language, text).isTrue();
        String indent = fence.group(1);
        return fence.group(2).lines().map(line -> line.startsWith(indent) ? line.substring(indent.length()) : line)
                .collect(java.util.stream.Collectors.joining("\n")) + "\n";
    }

    /** Runs {@code script} with bash in the clone, {@code java} on the PATH, as a user's terminal would. */
    private static Command shell(String script) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-e", "-c", script).directory(clone.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", Path.of(java()).getParent() + ":" + builder.environment().get("PATH"));
        builder.environment().put("CAMEL_SERVER_PORT", String.valueOf(port));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Command(process.exitValue(), output);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The local addresses listening on {@code port}, from the kernel's table (what ss -ltn prints). */
    private static List<String> listeningAddresses(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        String portHex = String.format("%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (local[1].equals(portHex) && fields[3].equals("0A")) {
                    addresses.add(address(local[0]));
                }
            }
        }
        return addresses;
    }

    private static String address(String hex) {
        if (hex.length() == 8) {
            long value = Long.parseLong(hex, 16);
            return (value & 0xFF) + "." + ((value >> 8) & 0xFF) + "." + ((value >> 16) & 0xFF) + "." + ((value >> 24) & 0xFF);
        }
        if (hex.startsWith("0000000000000000FFFF0000")) {
            return address(hex.substring(24)); // ::ffff:a.b.c.d, a Java socket bound to an IPv4 address
        }
        return hex.equals("00000000000000000000000000000000") ? "::" : hex;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
