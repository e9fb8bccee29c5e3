package io.webhookactions.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a cached token belongs to (SPEC §5.3): token URL, client id, client secret and scope. The secret
 * is kept as its SHA-256 only, so a key in a log or a heap dump reveals nothing.
 */
public record TokenKey(String tokenUrl, String clientId, String secretDigest, String scope) {

    public static TokenKey of(String tokenUrl, String clientId, String clientSecret, String scope) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(clientSecret.getBytes(StandardCharsets.UTF_8));
            return new TokenKey(tokenUrl, clientId, HexFormat.of().formatHex(digest), scope);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "TokenKey[" + tokenUrl + ", client " + clientId + (scope == null ? "" : ", scope " + scope) + "]";
    }
}
