package io.webhookactions.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hand-written HTTP/1.1 server on 127.0.0.1 that misbehaves on purpose, chosen at random per request:
 * a slow answer, a connection reset, a 500, a truncated body, a non-JSON body, an oversized body, or a
 * normal JSON answer echoing the request's {@code id} query parameter. Connections are kept alive until a
 * fault closes them, so the client's pool is exercised too.
 */
public final class FaultyUpstream implements AutoCloseable {

    /** What the server did with one request. */
    public enum Fault { OK, SLOW, RESET, ERROR_500, TRUNCATED, NOT_JSON, OVERSIZED, TOO_SLOW }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<Fault, AtomicLong> counts = new ConcurrentHashMap<>();
    private final int oversizedBytes;
    private final long tooSlowMillis;
    private volatile boolean open = true;

    /**
     * @param oversizedBytes the Content-Length of an oversized answer (above the client's limit)
     * @param tooSlowMillis  how long a "too slow" answer waits (beyond the client's timeout)
     */
    public FaultyUpstream(int oversizedBytes, long tooSlowMillis) throws IOException {
        this.oversizedBytes = oversizedBytes;
        this.tooSlowMillis = tooSlowMillis;
        server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        threads.submit(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    public long count(Fault fault) {
        AtomicLong count = counts.get(fault);
        return count == null ? 0 : count.get();
    }

    private void accept() {
        while (open) {
            try {
                Socket socket = server.accept();
                threads.submit(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (open) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                int length = contentLength(head);
                in.readNBytes(length);
                String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
                String id = path.contains("id=") ? path.substring(path.indexOf("id=") + 3).split("&")[0] : "";
                if (!answer(socket, out, pick(), id)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away or was cut off: nothing to do
        }
    }

    private Fault pick() {
        int roll = ThreadLocalRandom.current().nextInt(100);
        Fault fault = roll < 70 ? Fault.OK : roll < 78 ? Fault.SLOW : roll < 82 ? Fault.RESET : roll < 88 ? Fault.ERROR_500
                : roll < 91 ? Fault.TRUNCATED : roll < 95 ? Fault.NOT_JSON : roll < 98 ? Fault.OVERSIZED : Fault.TOO_SLOW;
        counts.computeIfAbsent(fault, f -> new AtomicLong()).incrementAndGet();
        return fault;
    }

    /** @return false when the connection must be closed */
    private boolean answer(Socket socket, OutputStream out, Fault fault, String id) throws IOException {
        switch (fault) {
            case RESET -> {
                socket.setSoLinger(true, 0);
                return false;
            }
            case SLOW -> {
                pause(ThreadLocalRandom.current().nextLong(20, 150));
                write(out, 200, "application/json", json(id));
                return true;
            }
            case TOO_SLOW -> {
                pause(tooSlowMillis);
                write(out, 200, "application/json", json(id));
                return false;
            }
            case ERROR_500 -> {
                write(out, 500, "application/json", "{\"error\": \"boom\", \"id\": \"" + id + "\"}");
                return true;
            }
            case TRUNCATED -> {
                byte[] body = json(id).getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + (body.length + 100) + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, body.length / 2);
                out.flush();
                return false;
            }
            case NOT_JSON -> {
                write(out, 200, "text/html", "<html><body>maintenance " + id + "</body></html>");
                return true;
            }
            case OVERSIZED -> {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + oversizedBytes + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[Math.min(oversizedBytes, 64 * 1024)]);
                out.flush();
                return false;
            }
            default -> {
                write(out, 200, "application/json", json(id));
                return true;
            }
        }
    }

    private static String json(String id) {
        return "{\"id\": \"" + id + "\", \"data\": {\"name\": \"n-" + id + "\"}, \"padding\": \"" + "x".repeat(400) + "\"}";
    }

    private static void write(OutputStream out, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + (status == 200 ? " OK" : " Error") + "\r\nContent-Type: " + type + "\r\nContent-Length: "
                + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.US_ASCII);
            }
            if (head.size() > 64 * 1024) {
                throw new SocketException("request head too large");
            }
        }
        return null;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).strip());
            }
        }
        return 0;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
        threads.shutdownNow();
    }
}
