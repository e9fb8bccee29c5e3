package io.webhookactions.http;

import io.webhookactions.call.CallFailure;
import io.webhookactions.call.FailureKind;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * Turns what went wrong during a call into a {@link CallFailure}: its kind, and the short reason users see as
 * {@code N_error}. Messages name the host and the kind of failure; they never carry headers or bodies, so
 * never a secret.
 */
final class CallFailures {

    private CallFailures() {
    }

    /** @param network true for failures a retry on "network" should repeat */
    record Classified(CallFailure failure, boolean network) {
    }

    static Classified classify(Throwable error, CallLimits limits, URI uri, long timeoutMs) {
        String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        if (limits.tooLarge) {
            return during(FailureKind.TOO_LARGE, "response body is larger than " + limits.maxResponseBytes
                    + " bytes (webhook.max-response-bytes); nothing was kept", false, error);
        }
        if (limits.timedOut) {
            return during(FailureKind.TIMEOUT, "timed out after " + timeoutMs + " ms (timeout_ms) calling " + host, true, error);
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof MessageConstraintException || cause instanceof CallGuard.HeadersTooLargeException) {
                return during(FailureKind.TOO_LARGE, "response headers of " + host + " are larger than " + limits.maxHeaderBytes
                        + " bytes in all or more than " + WebhookHttp.MAX_RESPONSE_HEADERS
                        + " (webhook.max-response-header-bytes); nothing was kept", false, error);
            }
            if (cause instanceof GuardedDnsResolver.DeniedHostException) {
                return new Classified(CallFailure.beforeSending(FailureKind.DENIED_HOST, cause.getMessage(), error), false);
            }
            if (cause instanceof UnknownHostException) {
                return during(FailureKind.DNS, "could not resolve host " + host, true, error);
            }
            if (cause instanceof ConnectException) {
                return during(FailureKind.CONNECT, "could not connect to " + host + " (connection refused)", true, error);
            }
            if (cause instanceof SSLPeerUnverifiedException) {
                return during(FailureKind.TLS, "the server certificate of " + host + " does not match that host name"
                        + " (hostname verification is always on)", false, error);
            }
            if (cause instanceof SSLException && String.valueOf(cause.getMessage()).contains("PKIX")) {
                return during(FailureKind.TLS, "the server certificate of " + host + " is not trusted; trust its CA with"
                        + " authentication.ca_certificate (mTLS) or the JVM trust store", false, error);
            }
            if (cause instanceof SSLException) {
                return during(FailureKind.TLS, "TLS handshake with " + host + " failed: " + firstLine(cause.getMessage()), false, error);
            }
            if (cause instanceof SocketTimeoutException) {
                return during(FailureKind.TIMEOUT, "timed out after " + timeoutMs + " ms (timeout_ms) calling " + host, true, error);
            }
            if (cause instanceof NoHttpResponseException) {
                return during(FailureKind.NETWORK, host + " closed the connection without answering", true, error);
            }
            if (cause instanceof ConnectionClosedException) {
                return during(FailureKind.NETWORK, host + " closed the connection before the whole response arrived", true, error);
            }
            if (cause instanceof SocketException) {
                return during(FailureKind.NETWORK, "connection to " + host + " failed: " + firstLine(cause.getMessage()), true, error);
            }
        }
        return during(FailureKind.NETWORK, "call to " + host + " failed: " + error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : " " + firstLine(error.getMessage())), true, error);
    }

    private static Classified during(FailureKind kind, String reason, boolean network, Throwable error) {
        return new Classified(CallFailure.during(kind, reason, error), network);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
