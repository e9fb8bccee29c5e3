package io.webhookactions.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * OAuth2 access tokens shared by every action of a service (SPEC §5.3). One entry per {@link TokenKey};
 * an entry lives until {@code expires_in} minus the refresh margin, so it is renewed before it runs out.
 * Concurrent misses for one key wait for a single token request (Caffeine computes a key once). A failed
 * request is remembered for {@value #FAILURE_SECONDS} s so a broken token endpoint is not hammered.
 */
public final class TokenCache {

    static final long FAILURE_SECONDS = 5;

    private final Cache<TokenKey, TokenResult> cache;
    /** Keys whose fresh token the API refused: not renewed again for {@value #FAILURE_SECONDS} s (SPEC §11). */
    private final Cache<TokenKey, Boolean> refusedFresh;

    /** @param refreshMargin {@code webhook.oauth2.refresh-margin-seconds}: how long before expiry a token is renewed */
    public TokenCache(Duration refreshMargin) {
        this(refreshMargin, Ticker.systemTicker());
    }

    /** Test seam: the cache reads the time from {@code ticker}, so expiry can be tested without waiting. */
    TokenCache(Duration refreshMargin, Ticker ticker) {
        this.refusedFresh = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(100_000)
                .expireAfterWrite(Duration.ofSeconds(FAILURE_SECONDS))
                .build();
        long margin = refreshMargin.toNanos();
        this.cache = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(100_000)
                .recordStats()
                .expireAfter(new Expiry<TokenKey, TokenResult>() {
                    @Override
                    public long expireAfterCreate(TokenKey key, TokenResult result, long now) {
                        if (!result.ok()) {
                            return Duration.ofSeconds(FAILURE_SECONDS).toNanos();
                        }
                        return Math.max(0, Duration.ofSeconds(result.expiresInSeconds()).toNanos() - margin);
                    }

                    @Override
                    public long expireAfterUpdate(TokenKey key, TokenResult result, long now, long current) {
                        return expireAfterCreate(key, result, now);
                    }

                    @Override
                    public long expireAfterRead(TokenKey key, TokenResult result, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    /**
     * The token for {@code key}, requesting one with {@code request} when there is none (once, however many
     * callers wait).
     *
     * @throws AuthenticationException when the token request failed now or within the last few seconds
     */
    public String token(TokenKey key, Supplier<TokenResult> request) {
        if (refusedFresh.getIfPresent(key) != null) {
            throw new AuthenticationException("the API rejects freshly issued OAuth2 tokens (401 right after a renewal);"
                    + " no new token is requested for " + FAILURE_SECONDS + " s");
        }
        TokenResult result = cache.get(key, k -> request.get());
        if (!result.ok()) {
            throw new AuthenticationException(result.error());
        }
        return result.token();
    }

    /** Forgets {@code token} for {@code key} (the API refused it), unless a newer one replaced it already. */
    public void evict(TokenKey key, String token) {
        cache.asMap().computeIfPresent(key, (k, current) -> token.equals(current.token()) ? null : current);
    }

    /**
     * The API refused {@code token}, which was just fetched for {@code key}: forget it, and for a few seconds ask
     * for no other, so an API that accepts no token is not answered with a token request per call.
     */
    public void refusedFresh(TokenKey key, String token) {
        evict(key, token);
        refusedFresh.put(key, Boolean.TRUE);
    }

    public CacheStats stats() {
        return cache.stats();
    }
}
