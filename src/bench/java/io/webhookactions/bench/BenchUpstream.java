package io.webhookactions.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The loopback upstream every implementation calls: a 1 KiB JSON user, order and account, and an OAuth2
 * token endpoint that counts its requests. JDK HttpServer with TCP_NODELAY (without it Nagle and delayed
 * ACK cap each connection at ~25 calls/s, see DESIGN.md).
 */
final class BenchUpstream implements AutoCloseable {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    static final String PADDING = "p".repeat(880);
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(24);
    final AtomicInteger tokenRequests = new AtomicInteger();
    private volatile String token = UUID.randomUUID().toString();

    BenchUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(executor);
        byte[] user = ("{\"data\": {\"name\": \"Ada Lovelace\", \"email\": \"ada@example.com\", \"plan\": {\"id\": \"pro\"}},"
                + " \"padding\": \"" + PADDING + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] order = ("{\"order\": {\"id\": \"O-1\", \"status\": \"accepted\", \"total\": 12.5}, \"padding\": \"" + PADDING + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] account = ("{\"account\": {\"id\": \"A-1\", \"tier\": \"gold\", \"balance\": 1234.5}, \"padding\": \"" + PADDING + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/users/", exchange -> respond(exchange, 200, user));
        server.createContext("/orders", exchange -> {
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 200, order);
        });
        server.createContext("/accounts/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            respond(exchange, ("Bearer " + token).equals(authorization) ? 200 : 401, account);
        });
        server.createContext("/oauth/token", exchange -> {
            exchange.getRequestBody().readAllBytes();
            tokenRequests.incrementAndGet();
            respond(exchange, 200, ("{\"access_token\": \"" + token + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600}")
                    .getBytes(StandardCharsets.UTF_8));
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
