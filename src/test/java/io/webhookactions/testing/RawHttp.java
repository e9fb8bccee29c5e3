package io.webhookactions.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 request over a plain socket to 127.0.0.1, for what Java's HttpClient will not send (a chosen
 * {@code Host} header, as a DNS-rebinding page would): returns the status line's code and the whole answer.
 */
public final class RawHttp {

    private RawHttp() {
    }

    public record Answer(int status, String text) {
    }

    public static Answer get(int port, String path, String host) throws IOException {
        return get(port, path, host, new String[0]);
    }

    /** @param headers more request headers, as name, value, name, value ... */
    public static Answer get(int port, String path, String host, String... headers) throws IOException {
        StringBuilder more = new StringBuilder();
        for (int i = 0; i < headers.length; i += 2) {
            more.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + more + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(Integer.parseInt(text.substring(9, 12)), text);
        }
    }
}
