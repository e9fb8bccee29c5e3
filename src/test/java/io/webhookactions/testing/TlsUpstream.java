package io.webhookactions.testing;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** A real HTTPS server on 127.0.0.1 that requires a client certificate and echoes its subject. */
public final class TlsUpstream implements AutoCloseable {

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();

    public TlsUpstream(SSLContext context) throws IOException {
        this(context, false);
    }

    /** @param echo answer with the whole request ({@link Echo}) instead of the client certificate's subject */
    public TlsUpstream(SSLContext context, boolean echo) throws IOException {
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                parameters.setNeedClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        server.createContext("/", exchange -> {
            try (exchange) {
                requests.incrementAndGet();
                if (echo) {
                    Echo.respond(exchange, new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                    return;
                }
                String subject = ((HttpsExchange) exchange).getSSLSession().getPeerPrincipal().getName();
                Upstream.respond(exchange, 200, "application/json", "{\"client\": \"" + subject + "\"}");
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
