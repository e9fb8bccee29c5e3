package io.webhookactions.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;

/**
 * A stand-in upstream for a host's tests: a real HTTP server on 127.0.0.1 that hands every request it receives to a
 * Camel endpoint the test controls ({@code direct:}, {@code mock:}, ...) and answers with what that endpoint replied.
 * Point the action's base URL property at {@link #url()} before the definitions load; the action then runs exactly
 * as in production (rendering, authentication, host rules, retries, the real HTTP client), over loopback only.
 *
 * <p>The request arrives as a message whose body is the request body (a String; null when empty) and whose headers
 * are the request headers plus {@code CamelHttpMethod}, {@code CamelHttpPath}, {@code CamelHttpQuery} and
 * {@code CamelHttpUri}. The answer: status from {@code CamelHttpResponseCode} (default 200; 500 when the exchange
 * failed), the reply's body as text, and as response headers every reply header that is not a {@code Camel*} header
 * and not a request header handed back unchanged.
 */
public final class UpstreamStub implements AutoCloseable {

    static {
        // Without it the JDK server's Nagle + the client's delayed ACK add ~40 ms to every keep-alive call.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "upstream-stub");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Target target;
    private final java.util.List<ProducerTemplate> templates = new java.util.concurrent.CopyOnWriteArrayList<>();

    private record Target(ProducerTemplate template, String endpointUri) {
    }

    private UpstreamStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a stub on a free loopback port; requests are answered 503 until {@link #forwardTo} names an endpoint. */
    public static UpstreamStub start() throws IOException {
        return new UpstreamStub();
    }

    /** Hands every request from now on to {@code endpointUri} of {@code context}. */
    public UpstreamStub forwardTo(CamelContext context, String endpointUri) {
        target = new Target(context.createProducerTemplate(), endpointUri);
        // Closed with the stub, not now: a request may be using the one this replaces.
        templates.add(target.template());
        return this;
    }

    /** The base URL, {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange http) throws IOException {
        try (http) {
            byte[] requestBody = http.getRequestBody().readAllBytes();
            Target current = target;
            if (current == null) {
                respond(http, 503, Map.of(), "UpstreamStub: no endpoint to forward to; call forwardTo(context, uri)");
                return;
            }
            Exchange reply = current.template().request(current.endpointUri(), exchange -> request(http, requestBody, exchange.getMessage()));
            Message message = reply.getMessage();
            if (reply.getException() != null) {
                respond(http, 500, Map.of(), String.valueOf(reply.getException().getMessage()));
                return;
            }
            Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            String body = message.getBody(String.class);
            respond(http, status == null ? 200 : status, responseHeaders(http, message), body == null ? "" : body);
        }
    }

    private static void request(HttpExchange http, byte[] body, Message message) {
        http.getRequestHeaders().forEach((name, values) -> message.setHeader(name, String.join(", ", values)));
        message.setHeader(Exchange.HTTP_METHOD, http.getRequestMethod());
        message.setHeader(Exchange.HTTP_PATH, http.getRequestURI().getRawPath());
        message.setHeader(Exchange.HTTP_QUERY, http.getRequestURI().getRawQuery());
        message.setHeader(Exchange.HTTP_URI, http.getRequestURI().toString());
        message.setBody(body.length == 0 ? null : new String(body, StandardCharsets.UTF_8));
    }

    /** The reply's own headers: not Camel's, and not a request header handed back as it came. */
    private static Map<String, String> responseHeaders(HttpExchange http, Message message) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (value == null || name.regionMatches(true, 0, "Camel", 0, 5)) {
                return;
            }
            List<String> sent = http.getRequestHeaders().get(name);
            String text = message.getExchange().getContext().getTypeConverter().convertTo(String.class, value);
            if (text != null && (sent == null || !String.join(", ", sent).equals(text))) {
                headers.put(name, text);
            }
        });
        return headers;
    }

    private static void respond(HttpExchange http, int status, Map<String, String> headers, String body) throws IOException {
        headers.forEach((name, value) -> http.getResponseHeaders().set(name, value));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        http.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = http.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        // A template holds a producer cache until stopped; a host test may outlive many stubs.
        for (ProducerTemplate template : templates) {
            try {
                template.close();
            } catch (java.io.IOException e) {
                // Stopping a template's cache does no I/O; nothing to report from a test's stand-in.
            }
        }
    }
}
