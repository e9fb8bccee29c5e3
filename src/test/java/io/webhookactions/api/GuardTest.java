package io.webhookactions.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.webhookactions.perimeter.ApiKeyStore;
import io.webhookactions.perimeter.Caller;
import io.webhookactions.perimeter.OidcTokens;
import io.webhookactions.perimeter.PerimeterSettings;
import io.webhookactions.perimeter.Role;
import io.webhookactions.support.Json;
import io.webhookactions.testing.Eventually;
import io.webhookactions.testing.TestIssuer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The first handler of every request (SPEC §10) in front of a handler that answers with the caller it was given:
 * the Host check against DNS rebinding, the Origin check, bearer tokens and roles, the JSON media type and the
 * security headers. A Vert.x server on 127.0.0.1 with the Guard alone; requests are written on a socket so that
 * any Host, Origin or body header can be sent.
 */
class GuardTest {

    private static Vertx vertx;
    private static TestIssuer issuer;

    @TempDir
    static Path dir;

    private static ApiKeyStore keys;
    private static String viewer;
    private static String tester;
    private static String executor;

    private HttpServer server;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        issuer = new TestIssuer();
        keys = new ApiKeyStore(dir.resolve("api-keys.json"));
        viewer = keys.create("dashboards", Role.VIEWER, List.of());
        tester = keys.create("qa", Role.TESTER, List.of());
        executor = keys.create("reader-bot", Role.EXECUTOR, List.of("get_*"));
        // Each key's first use writes its last-use time in the background: done here, so no write is left running
        // when the folder is removed.
        for (String token : List.of(viewer, tester, executor)) {
            keys.authenticate(token);
        }
        Eventually.await(Duration.ofSeconds(10), "last uses written",
                () -> new ApiKeyStore(dir.resolve("api-keys.json")).list().stream().allMatch(key -> key.lastUsed() != null));
    }

    @AfterAll
    static void stop() throws Exception {
        issuer.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** An answer as the client sees it. */
    private record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String error() {
            try {
                JsonNode json = Json.mapper().readTree(body);
                return json.path("error").asText(null);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private static PerimeterSettings settings(String bindHost, ApiKeyStore store, OidcTokens oidc, List<String> origins,
                                              List<String> hosts, boolean tls) {
        return new PerimeterSettings(bindHost, 8080, store, oidc, origins, hosts, tls, 4, 4);
    }

    private static PerimeterSettings withoutAuth(String bindHost, List<String> hosts) {
        return settings(bindHost, new ApiKeyStore(dir.resolve("no-keys.json")), null, List.of(), hosts, false);
    }

    private static PerimeterSettings withKeys(List<String> hosts) {
        return settings("0.0.0.0", keys, null, List.of("https://panel.example.com"), hosts, false);
    }

    private static OidcTokens oidc() throws Exception {
        return new OidcTokens(TestIssuer.ISSUER, URI.create(issuer.jwksUrl()).toURL(), TestIssuer.AUDIENCE, "roles");
    }

    /** Starts the Guard, then a handler answering 200 with "name role" of the caller the Guard handed on. */
    private int serve(PerimeterSettings settings) throws Exception {
        Router router = Router.router(vertx);
        router.route().handler(new Guard(settings));
        router.route().handler(ctx -> {
            Caller caller = Guard.caller(ctx);
            ctx.response().setStatusCode(200).end(caller.name() + " " + caller.role().key());
        });
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    /** One request over a socket to 127.0.0.1; {@code headers} are sent as given (a null Host sends none, as HTTP/1.0). */
    private static Answer send(int port, String method, String path, Map<String, String> headers, String body) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            socket.setSoTimeout(10_000);
            boolean http10 = !headers.containsKey("Host");
            StringBuilder request = new StringBuilder(method + " " + path + (http10 ? " HTTP/1.0\r\n" : " HTTP/1.1\r\n"));
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> answerHeaders = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                answerHeaders.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            String answerBody = text.substring(end + 4);
            if ("chunked".equals(answerHeaders.get("transfer-encoding"))) {
                answerBody = unchunk(answerBody);
            }
            return new Answer(Integer.parseInt(lines[0].substring(9, 12)), answerHeaders, answerBody);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static Answer get(int port, String path, String host, String... headers) throws IOException {
        return send(port, "GET", path, headers(host, headers), null);
    }

    private static Map<String, String> headers(String host, String... more) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (host != null) {
            headers.put("Host", host);
        }
        for (int i = 0; i < more.length; i += 2) {
            headers.put(more[i], more[i + 1]);
        }
        return headers;
    }

    private static Answer post(int port, String path, String body, String... headers) throws IOException {
        Map<String, String> all = headers("127.0.0.1:" + port, headers);
        all.put("Content-Length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
        return send(port, "POST", path, all, body);
    }

    private static String local(int port) {
        return "127.0.0.1:" + port;
    }

    // --- Host: DNS rebinding -------------------------------------------------------------------------------------

    @Test
    void withoutTokensARequestForThisMachineIsAnsweredAsTheLocalAdmin() throws Exception {
        int port = serve(withoutAuth("127.0.0.1", List.of()));

        for (String host : List.of(local(port), "127.0.0.1", "localhost:" + port, "LocalHost", "[::1]:" + port, "[::1]")) {
            Answer answer = get(port, "/api/actions", host);

            assertThat(answer.status()).as(host).isEqualTo(200);
            assertThat(answer.body()).as(host).isEqualTo("local admin");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"attacker.example", "attacker.example:8080", "127.0.0.1.attacker.example", "localhost.attacker.example",
        "[::2]", "127.0.0.2", "0.0.0.0", "2130706433", "evil.localhost"})
    void withoutTokensARequestNamingAnotherHostIsRefusedAsDnsRebinding(String host) throws Exception {
        int port = serve(withoutAuth("127.0.0.1", List.of()));

        Answer answer = get(port, "/api/actions", host);

        String bare = host.startsWith("[") ? host : host.split(":")[0];
        assertThat(answer.status()).isEqualTo(421);
        assertThat(answer.error()).isEqualTo("this service does not answer to the host name \"" + bare + "\"; add it to"
                + " webhook.api.allowed-hosts if it is yours");
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void withoutTokensEvenThePanelIsRefusedToAnotherHost() throws Exception {
        int port = serve(withoutAuth("127.0.0.1", List.of()));

        assertThat(get(port, "/", "attacker.example").status()).isEqualTo(421);
        assertThat(get(port, "/", local(port)).status()).isEqualTo(200);
    }

    @Test
    void aRequestWithoutAHostIsRefused() throws Exception {
        int port = serve(withoutAuth("127.0.0.1", List.of()));

        Answer answer = get(port, "/api/actions", null);

        assertThat(answer.status()).isEqualTo(421);
        assertThat(answer.error()).contains("the host name \"\"");
    }

    @Test
    void theBoundHostNameIsAnsweredInAnyCase() throws Exception {
        int port = serve(withoutAuth("Panel.Internal", List.of()));

        assertThat(get(port, "/api/actions", "panel.internal:" + port).status()).isEqualTo(200);
        assertThat(get(port, "/api/actions", "PANEL.INTERNAL").status()).isEqualTo(200);
        assertThat(get(port, "/api/actions", "localhost").status()).isEqualTo(200);
        assertThat(get(port, "/api/actions", local(port)).status()).as("not bound to loopback").isEqualTo(421);
        assertThat(get(port, "/api/actions", "[::1]").status()).as("not bound to loopback").isEqualTo(421);
    }

    @Test
    void aBoundIpv6AddressIsAnsweredWithOrWithoutBrackets() throws Exception {
        int port = serve(withoutAuth("[fd00::7]", List.of()));

        assertThat(get(port, "/api/actions", "[fd00::7]:" + port).status()).isEqualTo(200);
        assertThat(get(port, "/api/actions", "[FD00::7]").status()).isEqualTo(200);
        assertThat(get(port, "/api/actions", "[fd00::8]").status()).isEqualTo(421);

        stopServer();
        port = serve(withoutAuth("fd00::7", List.of()));
        assertThat(get(port, "/api/actions", "[fd00::7]:" + port).status()).isEqualTo(200);
    }

    @Test
    void anIpv6LoopbackBindAnswersItsBracketedAddress() throws Exception {
        int port = serve(withoutAuth("::1", List.of()));

        assertThat(get(port, "/api/actions", "[::1]:" + port).status()).isEqualTo(200);
        assertThat(get(port, "/api/actions", "[::1]").status()).isEqualTo(200);
        assertThat(get(port, "/api/actions", "[::2]").status()).isEqualTo(421);
    }

    @Test
    void aHostHeaderThatIsOnlyAPortNamesNoHost() throws Exception {
        int port = serve(withoutAuth("127.0.0.1", List.of()));

        Answer answer = get(port, "/api/actions", ":" + port);

        assertThat(answer.status()).isEqualTo(421);
        assertThat(answer.error()).contains("the host name \"\"");
    }

    @Test
    void aLoopbackBindAnswersBothLoopbackAddresses() throws Exception {
        int port = serve(withoutAuth("localhost", List.of()));

        assertThat(get(port, "/api/actions", local(port)).status()).isEqualTo(200);
        assertThat(get(port, "/api/actions", "[::1]:" + port).status()).isEqualTo(200);
        assertThat(get(port, "/api/actions", "127.0.0.2").status()).isEqualTo(421);
    }

    @Test
    void aHostListedInAllowedHostsIsAnswered() throws Exception {
        int port = serve(withoutAuth("127.0.0.1", List.of("panel.internal", "[fd00::9]", "fd00::10")));

        assertThat(get(port, "/api/actions", "panel.internal:" + port).status()).isEqualTo(200);
        assertThat(get(port, "/api/actions", "Panel.Internal").status()).isEqualTo(200);
        assertThat(get(port, "/api/actions", "[fd00::9]:" + port).status()).isEqualTo(200);
        assertThat(get(port, "/api/actions", "[fd00::10]").status()).as("listed without brackets").isEqualTo(200);
        assertThat(get(port, "/api/actions", "other.internal").status()).isEqualTo(421);
    }

    @Test
    void withTokensAnyHostIsAnsweredUnlessHostsAreListed() throws Exception {
        int port = serve(withKeys(List.of()));

        Answer open = get(port, "/api/actions", "api.example.com", "Authorization", "Bearer " + viewer);

        assertThat(open.status()).isEqualTo(200);
        assertThat(open.body()).isEqualTo("dashboards viewer");

        stopServer();
        port = serve(withKeys(List.of("api.example.com")));
        assertThat(get(port, "/api/actions", "api.example.com:443", "Authorization", "Bearer " + viewer).status()).isEqualTo(200);
        assertThat(get(port, "/api/actions", "other.example.com", "Authorization", "Bearer " + viewer).status()).isEqualTo(421);
        assertThat(get(port, "/api/actions", local(port), "Authorization", "Bearer " + viewer).status())
                .as("bound to 0.0.0.0, so 127.0.0.1 is not this service's own name").isEqualTo(421);
        assertThat(get(port, "/api/actions", "localhost", "Authorization", "Bearer " + viewer).status()).isEqualTo(200);
    }

    @Test
    void theHostOfAHostHeaderIsItsLowerCaseNameWithoutThePort() {
        assertThat(Guard.hostName(null)).isEmpty();
        assertThat(Guard.hostName(" Example.COM:8080 ")).isEqualTo("example.com");
        assertThat(Guard.hostName("example.com")).isEqualTo("example.com");
        assertThat(Guard.hostName("[::1]:8080")).isEqualTo("[::1]");
        assertThat(Guard.hostName("[FE80::1]")).isEqualTo("[fe80::1]");
        assertThat(Guard.hostName("[::1")).isEqualTo("[::1");
        assertThat(Guard.hostName("")).isEmpty();
    }

    // --- Origin: cross-site requests -------------------------------------------------------------------------------

    @Test
    void aRequestFromThisServicesOwnPageIsAnswered() throws Exception {
        int port = serve(withoutAuth("127.0.0.1", List.of()));

        assertThat(get(port, "/api/actions", local(port), "Origin", "http://127.0.0.1:" + port).status()).isEqualTo(200);
        assertThat(get(port, "/api/actions", "localhost:" + port, "Origin", "HTTP://LOCALHOST:" + port).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://attacker.example", "null", "http://127.0.0.1", "https://127.0.0.1:PORT", "http://localhost:PORT"})
    void aRequestFromAnotherWebOriginIsRefused(String origin) throws Exception {
        int port = serve(withoutAuth("127.0.0.1", List.of()));
        String sent = origin.replace("PORT", String.valueOf(port));

        Answer answer = get(port, "/api/actions", local(port), "Origin", sent);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.error()).isEqualTo("requests from the web origin " + sent + " are not allowed; list it in"
                + " webhook.api.allowed-origins if it is yours");
    }

    @Test
    void anOriginListedInAllowedOriginsIsAnswered() throws Exception {
        int port = serve(withKeys(List.of()));

        assertThat(get(port, "/api/actions", local(port), "Origin", "https://panel.example.com", "Authorization", "Bearer " + viewer)
                .status()).isEqualTo(200);
        assertThat(get(port, "/api/actions", local(port), "Origin", "https://other.example.com", "Authorization", "Bearer " + viewer)
                .status()).isEqualTo(403);
    }

    @Test
    void overHttpsTheOwnOriginIsTheHttpsOne() throws Exception {
        int port = serve(settings("127.0.0.1", new ApiKeyStore(dir.resolve("no-keys.json")), null, List.of(), List.of(), true));

        assertThat(get(port, "/api/actions", local(port), "Origin", "https://127.0.0.1:" + port).status()).isEqualTo(200);
        assertThat(get(port, "/api/actions", local(port), "Origin", "http://127.0.0.1:" + port).status()).isEqualTo(403);
    }

    @Test
    void anHttp2RequestWithoutAHostHeaderIsJudgedByItsAuthority() throws Exception {
        int port = serve(withoutAuth("127.0.0.1", List.of()));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
        try {
            for (String origin : List.of("http://127.0.0.1:" + port, "http://127.0.0.1")) {
                // The body is asked for on the event loop, as the answer arrives: asked for later from this thread, an
                // answer already read would be lost and the future never completed.
                Map.Entry<HttpClientResponse, String> answer = client.request(new RequestOptions().setHost("127.0.0.1").setPort(port)
                                .setURI("/api/actions").addHeader("Origin", origin))
                        .compose(request -> request.send())
                        .compose(sent -> sent.body().map(buffer -> Map.entry(sent, buffer.toString())))
                        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                HttpClientResponse response = answer.getKey();
                String body = answer.getValue();

                assertThat(response.version()).isEqualTo(HttpVersion.HTTP_2);
                if (origin.endsWith(":" + port)) {
                    assertThat(response.statusCode()).as("its own origin, port included").isEqualTo(200);
                    assertThat(body).isEqualTo("local admin");
                } else {
                    assertThat(response.statusCode()).isEqualTo(403);
                }
            }
        } finally {
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    // --- Tokens and roles ------------------------------------------------------------------------------------------

    @Test
    void withKeysAnApiRequestWithoutATokenIsAskedForOne() throws Exception {
        int port = serve(withKeys(List.of()));

        Answer answer = get(port, "/api/actions", local(port));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(answer.error()).isEqualTo("this API needs a token: send Authorization: Bearer TOKEN (create one with: keys create NAME"
                + " --role viewer)");
        assertThat(get(port, "/observe/metrics", local(port)).status()).as("metrics need a viewer").isEqualTo(401);
    }

    @Test
    void withKeysThePanelAndHealthNeedNoToken() throws Exception {
        int port = serve(withKeys(List.of()));

        assertThat(get(port, "/", local(port)).body()).isEqualTo("local admin");
        assertThat(get(port, "/observe/health", local(port)).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic ZGFzaGJvYXJkczpzZWNyZXQ=", "Token abc", "Bearer", "Bearerx"})
    void onlyBearerTokensAreAccepted(String authorization) throws Exception {
        int port = serve(withKeys(List.of()));

        Answer answer = get(port, "/api/actions", local(port), "Authorization", authorization);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(answer.error()).isEqualTo("only bearer tokens are accepted: Authorization: Bearer TOKEN");
    }

    @Test
    void theBearerSchemeIsReadInAnyCaseAndTheTokenWithoutBlanks() throws Exception {
        int port = serve(withKeys(List.of()));

        assertThat(get(port, "/api/actions", local(port), "Authorization", "bearer " + viewer).body()).isEqualTo("dashboards viewer");
        assertThat(get(port, "/api/actions", local(port), "Authorization", "BEARER    " + viewer + "  ").body())
                .isEqualTo("dashboards viewer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"wa_unknown", "not-even-prefixed", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"})
    void anUnknownTokenIsRefusedAsInvalid(String token) throws Exception {
        int port = serve(withKeys(List.of()));

        Answer answer = get(port, "/api/actions", local(port), "Authorization", "Bearer " + token);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(answer.error()).isEqualTo("the token is not valid (unknown, revoked, expired, or not for this service)");
    }

    @Test
    void aKeyMayDoWhatItsRoleAllowsAndNoMore() throws Exception {
        int port = serve(withKeys(List.of()));

        assertThat(post(port, "/api/actions/get_user/test", "{}", "Authorization", "Bearer " + tester, "Content-Type",
                "application/json").body()).isEqualTo("qa tester");
        assertThat(post(port, "/api/actions/get_user/execute", "{}", "Authorization", "Bearer " + executor, "Content-Type",
                "application/json").body()).isEqualTo("reader-bot executor");

        Answer refused = post(port, "/api/actions/get_user/test", "{}", "Authorization", "Bearer " + viewer, "Content-Type",
                "application/json");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error()).isEqualTo("the role viewer of dashboards does not allow this; it needs tester");
        Answer admin = post(port, "/api/reload", "{}", "Authorization", "Bearer " + executor, "Content-Type", "application/json");
        assertThat(admin.status()).isEqualTo(403);
        assertThat(admin.error()).isEqualTo("the role executor of reader-bot does not allow this; it needs admin");
    }

    @Test
    void withoutKeysATokenIsNotNeededNorLookedAt() throws Exception {
        int port = serve(withoutAuth("127.0.0.1", List.of()));

        assertThat(get(port, "/api/actions", local(port), "Authorization", "Bearer wa_unknown").body()).isEqualTo("local admin");
    }

    @Test
    void anOidcTokenIsAcceptedWithItsHighestRole() throws Exception {
        int port = serve(settings("127.0.0.1", new ApiKeyStore(dir.resolve("no-keys.json")), oidc(), List.of(), List.of(), false));
        String token = issuer.rs256(TestIssuer.claims("roles", List.of("viewer", "tester")).build());

        Answer answer = post(port, "/api/actions/a/test", "{}", "Authorization", "Bearer " + token, "Content-Type", "application/json");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(TestIssuer.SUBJECT + " tester");
        assertThat(get(port, "/api/actions", local(port)).status()).as("OIDC alone makes tokens needed").isEqualTo(401);
    }

    @Test
    void anOidcTokenWithoutARoleOfThisServiceIsForbidden() throws Exception {
        int port = serve(settings("127.0.0.1", new ApiKeyStore(dir.resolve("no-keys.json")), oidc(), List.of(), List.of(), false));
        String token = issuer.rs256(TestIssuer.claims("roles", List.of("guests")).build());

        Answer answer = get(port, "/api/actions", local(port), "Authorization", "Bearer " + token);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.error()).isEqualTo("the token of " + TestIssuer.SUBJECT + " names no role of this service"
                + " (viewer, tester, executor, admin)");
    }

    @Test
    void aRejectedOidcTokenIsRefusedAsInvalid() throws Exception {
        int port = serve(settings("127.0.0.1", new ApiKeyStore(dir.resolve("no-keys.json")), oidc(), List.of(), List.of(), false));
        String foreign = issuer.rs256(TestIssuer.claims("roles", List.of("admin")).issuer("https://evil.invalid").build());

        Answer answer = get(port, "/api/actions", local(port), "Authorization", "Bearer " + foreign);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
    }

    @Test
    void anApiKeyStillWorksBesideOidc() throws Exception {
        int port = serve(settings("127.0.0.1", keys, oidc(), List.of(), List.of(), false));

        assertThat(get(port, "/api/actions", local(port), "Authorization", "Bearer " + viewer).body()).isEqualTo("dashboards viewer");
        assertThat(get(port, "/api/actions", local(port), "Authorization", "Bearer wa_unknown").status()).isEqualTo(401);
    }

    // --- Media type --------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/json-patch+json", "multipart/form-data",
        "application/jsonx", "xapplication/json"})
    void anApiBodyThatIsNotJsonIsRefused(String type) throws Exception {
        int port = serve(withoutAuth("127.0.0.1", List.of()));

        Answer answer = post(port, "/api/actions/a/execute", "a=b", "Content-Type", type);

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.error()).isEqualTo("send the body as JSON with Content-Type: application/json (got " + type + ")");
    }

    @Test
    void anApiBodyWithoutAMediaTypeIsRefused() throws Exception {
        int port = serve(withoutAuth("127.0.0.1", List.of()));

        Answer answer = post(port, "/api/actions/a/execute", "{}");

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.error()).isEqualTo("send the body as JSON with Content-Type: application/json (got none)");
    }

    @Test
    void aChunkedApiBodyIsCheckedToo() throws Exception {
        int port = serve(withoutAuth("127.0.0.1", List.of()));

        Answer answer = send(port, "POST", "/api/actions/a/execute", headers(local(port), "Transfer-Encoding", "chunked",
                "Content-Type", "text/plain"), "3\r\na=b\r\n0\r\n\r\n");

        assertThat(answer.status()).isEqualTo(415);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON", "application/json; charset=utf-8", " application/json ;x=y"})
    void anApiBodyInJsonIsAnswered(String type) throws Exception {
        int port = serve(withoutAuth("127.0.0.1", List.of()));

        assertThat(post(port, "/api/actions/a/execute", "{}", "Content-Type", type).status()).isEqualTo(200);
    }

    @Test
    void anEmptyApiBodyNeedsNoMediaType() throws Exception {
        int port = serve(withoutAuth("127.0.0.1", List.of()));

        assertThat(post(port, "/api/actions/a/execute", "").status()).isEqualTo(200);
        assertThat(send(port, "POST", "/api/actions/a/execute", headers(local(port), "Content-Length", " 0 "), null).status())
                .isEqualTo(200);
        assertThat(send(port, "POST", "/api/actions/a/execute", headers(local(port)), null).status()).isEqualTo(200);
    }

    @Test
    void aBodyOutsideTheApiIsNotChecked() throws Exception {
        int port = serve(withoutAuth("127.0.0.1", List.of()));

        assertThat(post(port, "/demo/weather", "a=b", "Content-Type", "text/plain").status()).isEqualTo(200);
    }

    @Test
    void onlyApplicationJsonIsJson() {
        assertThat(Guard.isJson(null)).isFalse();
        assertThat(Guard.isJson("")).isFalse();
        assertThat(Guard.isJson("application/json")).isTrue();
        assertThat(Guard.isJson("APPLICATION/JSON;charset=utf-8")).isTrue();
        assertThat(Guard.isJson("text/json")).isFalse();
        assertThat(Guard.isJson("application/json+x")).isFalse();
    }

    // --- Headers and the caller --------------------------------------------------------------------------------------

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        int port = serve(withKeys(List.of("api.example.com")));
        List<Answer> answers = List.of(
                get(port, "/", "api.example.com"),
                get(port, "/api/actions", "other.example.com"),
                get(port, "/api/actions", "api.example.com"),
                get(port, "/api/actions", "api.example.com", "Origin", "https://attacker.example"),
                post(port, "/api/actions/a/execute", "x", "Host", "api.example.com", "Authorization", "Bearer " + executor));

        assertThat(answers).extracting(Answer::status).containsExactly(200, 421, 401, 403, 415);
        for (Answer answer : answers) {
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(answer.header("Content-Security-Policy")).isEqualTo("default-src 'self'");
            assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
    }

    @Test
    void aRequestTheGuardDidNotSeeHasTheLocalCaller() throws Exception {
        Router router = Router.router(vertx);
        router.route().handler(ctx -> ctx.response().end(Guard.caller(ctx).name()));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        assertThat(get(server.actualPort(), "/", local(server.actualPort())).body()).isEqualTo("local");
    }
}
