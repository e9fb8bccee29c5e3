package io.webhookactions.auth;

/**
 * The outcome of one token request: a token with its lifetime, or the reason there is none (failures are
 * cached briefly too, so a failing token endpoint is not hammered).
 */
public record TokenResult(String token, long expiresInSeconds, String error) {

    public static TokenResult success(String token, long expiresInSeconds) {
        return new TokenResult(token, expiresInSeconds, null);
    }

    public static TokenResult failure(String error) {
        return new TokenResult(null, 0, error);
    }

    public boolean ok() {
        return error == null;
    }

    @Override
    public String toString() {
        return ok() ? "TokenResult[token ••••••••, expires in " + expiresInSeconds + " s]" : "TokenResult[" + error + "]";
    }
}
