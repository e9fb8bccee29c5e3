package io.webhookactions.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.webhookactions.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * SPEC §5.3 token cache on its own: single flight per key, renewal a margin before expiry, failures
 * remembered for five seconds, eviction only of the refused token. Time comes from a ticker the test
 * moves, so nothing waits for a clock.
 */
class TokenCacheTest {

    private static final TokenKey KEY = TokenKey.of("https://auth.example.com/token", "client", "secret", "api.read");
    private static final Duration MARGIN = Duration.ofSeconds(30);

    private final ManualTicker ticker = new ManualTicker();
    private final TokenCache cache = new TokenCache(MARGIN, ticker);
    private final AtomicInteger requests = new AtomicInteger();

    /** A token request that counts itself and issues {@code tok-N} living {@code expiresIn} seconds. */
    private Supplier<TokenResult> issuing(long expiresIn) {
        return () -> TokenResult.success("tok-" + requests.incrementAndGet(), expiresIn);
    }

    private Supplier<TokenResult> failing(String error) {
        return () -> {
            requests.incrementAndGet();
            return TokenResult.failure(error);
        };
    }

    @Test
    void concurrentMissesForOneKeyMakeOneTokenRequest() throws Exception {
        int callers = 16;
        CountDownLatch arrived = new CountDownLatch(callers);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(callers, task -> {
            Thread thread = new Thread(task);
            threads.add(thread);
            return thread;
        });
        Supplier<TokenResult> slowRequest = () -> {
            requests.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return TokenResult.success("the-token", 3600);
        };
        try {
            List<Future<String>> tokens = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                tokens.add(pool.submit(() -> {
                    arrived.countDown();
                    return cache.token(KEY, slowRequest);
                }));
            }
            assertThat(arrived.await(10, TimeUnit.SECONDS)).as("every caller started").isTrue();
            // Every caller is inside token(): one runs the request (waiting for the release), the others wait
            // for it. A cache without single flight would have every caller waiting inside its own request.
            Eventually.await(Duration.ofSeconds(10), "all callers wait inside token()", () -> threads.size() == callers
                    && threads.stream().allMatch(thread -> EnumSet.of(Thread.State.WAITING, Thread.State.TIMED_WAITING,
                            Thread.State.BLOCKED).contains(thread.getState())));
            release.countDown();

            for (Future<String> token : tokens) {
                assertThat(token.get(10, TimeUnit.SECONDS)).isEqualTo("the-token");
            }
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void differentKeysGetTheirOwnTokens() {
        TokenKey otherScope = TokenKey.of("https://auth.example.com/token", "client", "secret", "api.write");

        String first = cache.token(KEY, issuing(3600));
        String second = cache.token(otherScope, issuing(3600));

        assertThat(first).isEqualTo("tok-1");
        assertThat(second).isEqualTo("tok-2");
        assertThat(cache.token(KEY, issuing(3600))).isEqualTo("tok-1");
    }

    @Test
    void aTokenIsReusedUntilTheRefreshMarginBeforeItsExpiry() {
        assertThat(cache.token(KEY, issuing(90))).isEqualTo("tok-1");

        ticker.advance(Duration.ofSeconds(59));
        assertThat(cache.token(KEY, issuing(90))).as("60 s of 90 are left: still valid").isEqualTo("tok-1");

        ticker.advance(Duration.ofSeconds(1));
        assertThat(cache.token(KEY, issuing(90))).as("30 s left: renewed").isEqualTo("tok-2");
        assertThat(requests.get()).isEqualTo(2);
    }

    @Test
    void aTokenLivingShorterThanTheMarginIsRequestedEveryTime() {
        assertThat(cache.token(KEY, issuing(20))).isEqualTo("tok-1");
        assertThat(cache.token(KEY, issuing(20))).isEqualTo("tok-2");
    }

    @Test
    void aFailedRequestIsRememberedForFiveSeconds() {
        assertThatThrownBy(() -> cache.token(KEY, failing("token endpoint answered 500")))
                .isInstanceOf(AuthenticationException.class).hasMessage("token endpoint answered 500");

        ticker.advance(Duration.ofSeconds(TokenCache.FAILURE_SECONDS).minusNanos(1));
        assertThatThrownBy(() -> cache.token(KEY, issuing(3600)))
                .as("within five seconds the failure is answered without a request")
                .isInstanceOf(AuthenticationException.class).hasMessage("token endpoint answered 500");
        assertThat(requests.get()).isEqualTo(1);

        ticker.advance(Duration.ofNanos(1));
        assertThat(cache.token(KEY, issuing(3600))).isEqualTo("tok-2");
    }

    @Test
    void evictingTheRefusedTokenMakesTheNextCallRequestANewOne() {
        cache.token(KEY, issuing(3600));

        cache.evict(KEY, "tok-1");

        assertThat(cache.token(KEY, issuing(3600))).isEqualTo("tok-2");
    }

    @Test
    void evictingAnOlderTokenKeepsTheNewerOne() {
        cache.token(KEY, issuing(3600));

        cache.evict(KEY, "tok-0");

        assertThat(cache.token(KEY, issuing(3600))).isEqualTo("tok-1");
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void evictingDoesNotForgetACachedFailure() {
        assertThatThrownBy(() -> cache.token(KEY, failing("down"))).isInstanceOf(AuthenticationException.class);

        cache.evict(KEY, "tok-1");

        assertThatThrownBy(() -> cache.token(KEY, issuing(3600))).hasMessage("down");
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void aKeyWhoseFreshTokenWasRefusedGetsNoNewTokenForFiveSeconds() {
        cache.token(KEY, issuing(3600));

        cache.refusedFresh(KEY, "tok-1");

        ticker.advance(Duration.ofSeconds(TokenCache.FAILURE_SECONDS).minusNanos(1));
        assertThatThrownBy(() -> cache.token(KEY, issuing(3600))).isInstanceOf(AuthenticationException.class)
                .hasMessage("the API rejects freshly issued OAuth2 tokens (401 right after a renewal); no new token is requested for 5 s");
        assertThat(requests.get()).isEqualTo(1);

        ticker.advance(Duration.ofNanos(1));
        assertThat(cache.token(KEY, issuing(3600))).as("the refused token is forgotten").isEqualTo("tok-2");
    }

    @Test
    void aRefusedFreshTokenBlocksOnlyItsOwnKey() {
        TokenKey other = TokenKey.of("https://auth.example.com/token", "other-client", "secret", "api.read");
        cache.token(KEY, issuing(3600));
        cache.token(other, issuing(3600));

        cache.refusedFresh(KEY, "tok-1");

        assertThat(cache.token(other, issuing(3600))).isEqualTo("tok-2");
    }

    @Test
    void statsCountHitsAndMisses() {
        cache.token(KEY, issuing(3600));
        cache.token(KEY, issuing(3600));
        cache.token(KEY, issuing(3600));

        assertThat(cache.stats().missCount()).isEqualTo(1);
        assertThat(cache.stats().hitCount()).isEqualTo(2);
    }

    /** Time that moves only when the test says so. */
    private static final class ManualTicker implements Ticker {
        private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

        @Override
        public long read() {
            return nanos.get();
        }

        void advance(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }
    }
}
