package io.webhookactions.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw HTTP/1.1 server on 127.0.0.1 whose every answer has one header line of {@code headerBytes} bytes,
 * streamed (the server never holds it whole). Hostile to clients that keep whatever the server sends.
 */
public final class HugeHeaderUpstream implements AutoCloseable {

    private final ServerSocket server;
    private final long headerBytes;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger connections = new AtomicInteger();

    public HugeHeaderUpstream(long headerBytes) throws IOException {
        this.headerBytes = headerBytes;
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        executor.execute(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                executor.execute(() -> answer(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Big: ".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'a');
            for (long sent = 0; sent < headerBytes; sent += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, headerBytes - sent));
            }
            out.write("\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // the client gave up on the header: what it should do
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        executor.shutdownNow();
    }
}
