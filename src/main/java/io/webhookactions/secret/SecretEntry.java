package io.webhookactions.secret;

import java.time.Instant;

/**
 * What {@code secrets list} shows of one secret: never its value.
 *
 * @param kind        {@code text} or {@code certificate}
 * @param subject     certificate subject, or null
 * @param fingerprint SHA-256 of the certificate (colon-separated hex), or null
 * @param notAfter    certificate expiry, or null
 */
public record SecretEntry(String name, String kind, String subject, String fingerprint, Instant notAfter) {

    public static final String TEXT = "text";
    public static final String CERTIFICATE = "certificate";
}
