package io.webhookactions.http;

/**
 * HttpClient's wire and header loggers print requests byte for byte, {@code Authorization} headers,
 * tokens and signatures included, at any level a user may turn on while debugging. When logback is the
 * logging backend, {@link LogbackWireFilter} drops those two loggers' events, so no log level can leak a
 * secret through them. (With another backend, keep {@code org.apache.hc.client5.http.wire} and
 * {@code org.apache.hc.client5.http.headers} off.) This class names no logback type, so it loads in a
 * host without logback.
 */
public final class WireLogGuard {

    private WireLogGuard() {
    }

    /** Installs the filter once, when the backend is logback; does nothing otherwise. */
    public static void install() {
        try {
            Class.forName("ch.qos.logback.classic.LoggerContext", false, WireLogGuard.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return;
        }
        LogbackWireFilter.install();
    }
}
