package io.webhookactions.testing;

import io.webhookactions.app.Service;
import io.webhookactions.app.ServiceConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.CamelContext;

/**
 * {@code serve} as the command runs it, in the test JVM: a configuration file in a temporary folder (a free
 * port, the routes folder, and a key file, secret store, master key and history database of its own), the same
 * checks, Camel Main and the API. Requests go to 127.0.0.1 only.
 */
public final class ServiceUnderTest implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final Service service;
    private final int port;
    private final Path config;
    private final StringWriter out;

    private ServiceUnderTest(Service service, int port, Path config, StringWriter out) {
        this.service = service;
        this.port = port;
        this.config = config;
        this.out = out;
    }

    /**
     * @param dir        a folder of the test's own
     * @param routes     the definitions folder
     * @param properties more lines of the configuration file (later lines win; the port is always a free one)
     */
    public static ServiceUnderTest start(Path dir, Path routes, String properties) throws Exception {
        int port = freePort();
        Path config = dir.resolve("application-" + port + ".properties");
        Files.writeString(config, "webhook.routes=" + routes + "\n"
                + "webhook.attributes-file=" + dir.resolve("none.json") + "\n"
                + "webhook.secrets-file=" + dir.resolve("secrets.json") + "\nwebhook.master-key-file=" + dir.resolve("master.key") + "\n"
                + "webhook.api.keys-file=" + dir.resolve("api-keys.json") + "\n"
                + "webhook.history.url=jdbc:h2:file:" + dir.resolve("history-" + port) + "\n" + properties + "\ncamel.server.port=" + port + "\n");
        StringWriter out = new StringWriter();
        Service service;
        try (ServiceConfig loaded = ServiceConfig.load(config)) {
            service = Service.prepare(loaded, new PrintWriter(out, true));
        }
        service.start();
        return new ServiceUnderTest(service, port, config, out);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public Path config() {
        return config;
    }

    /** What the service printed (the ready line). */
    public String output() {
        return out.toString();
    }

    public CamelContext context() {
        return service.context();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST with a JSON body ({@code Content-Type: application/json} unless {@code headers} name another). */
    public HttpResponse<String> post(String path, String json, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json));
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (!typed) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public void stop() {
        service.stop();
    }

    @Override
    public void close() {
        service.stop();
    }
}
