package io.webhookactions.route;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * Turns what went wrong during a call into the short reason users see as {@code N_error}. Messages
 * name the host and the kind of failure; they never carry headers or bodies, so never a secret.
 */
final class CallFailures {

    private CallFailures() {
    }

    /** @param network true for failures a retry on "network" should repeat */
    record Classified(String reason, boolean network, FailureKind kind) {
    }

    static Classified classify(Throwable error, CallBudget budget, String url, long timeoutMs) {
        String host = hostOf(url);
        if (budget.tooLarge) {
            return new Classified("response body is larger than " + budget.maxResponseBytes
                    + " bytes (webhook.max-response-bytes); nothing was kept", false, FailureKind.TOO_LARGE);
        }
        if (budget.timedOut) {
            return new Classified("timed out after " + timeoutMs + " ms (timeout_ms) calling " + host, true, FailureKind.TIMEOUT);
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof GuardedDnsResolver.DeniedHostException) {
                return new Classified(cause.getMessage() + "; the request was not sent", false, FailureKind.DENIED_HOST);
            }
            if (cause instanceof UnknownHostException) {
                return new Classified("could not resolve host " + host, true, FailureKind.DNS);
            }
            if (cause instanceof ConnectException) {
                return new Classified("could not connect to " + host + " (connection refused)", true, FailureKind.CONNECT);
            }
            if (cause instanceof javax.net.ssl.SSLPeerUnverifiedException) {
                return new Classified("the server certificate of " + host + " does not match that host name"
                        + " (hostname verification is always on)", false, FailureKind.TLS);
            }
            if (cause instanceof SSLException && String.valueOf(cause.getMessage()).contains("PKIX")) {
                return new Classified("the server certificate of " + host + " is not trusted; trust its CA with"
                        + " authentication.ca_certificate (mTLS) or the JVM trust store", false, FailureKind.TLS);
            }
            if (cause instanceof SSLException) {
                return new Classified("TLS handshake with " + host + " failed: " + firstLine(cause.getMessage()), false, FailureKind.TLS);
            }
            if (cause instanceof SocketTimeoutException) {
                return new Classified("timed out after " + timeoutMs + " ms (timeout_ms) calling " + host, true, FailureKind.TIMEOUT);
            }
            if (cause instanceof NoHttpResponseException) {
                return new Classified(host + " closed the connection without answering", true, FailureKind.NETWORK);
            }
            if (cause instanceof ConnectionClosedException) {
                return new Classified(host + " closed the connection before the whole response arrived", true, FailureKind.NETWORK);
            }
            if (cause instanceof SocketException) {
                return new Classified("connection to " + host + " failed: " + firstLine(cause.getMessage()), true, FailureKind.NETWORK);
            }
        }
        return new Classified("call to " + host + " failed: " + error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : " " + firstLine(error.getMessage())), true, FailureKind.NETWORK);
    }

    private static String hostOf(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            return "the upstream";
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
