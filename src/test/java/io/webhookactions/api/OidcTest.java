package io.webhookactions.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import ch.qos.logback.classic.Level;
import io.webhookactions.testing.CapturedLogs;
import io.webhookactions.testing.Eventually;
import io.webhookactions.testing.ServiceUnderTest;
import io.webhookactions.testing.Upstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OIDC bearer tokens (SPEC §10) against a JWKS served from a loopback server with keys made in the test: a
 * valid RS256 or ES256 token is accepted with the highest role its claim lists; expired, not yet valid, for
 * another audience or issuer, badly signed and unsigned tokens are 401; a rotated key works once published.
 */
class OidcTest {

    private static final String ISSUER = "https://idp.test.invalid";
    private static final String AUDIENCE = "webhook-actions";

    @TempDir
    static Path dir;

    private static Upstream idp;
    private static ServiceUnderTest service;
    private static RSAKey rsa;
    private static ECKey ec;
    private static final AtomicReference<String> JWKS = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        JWKS.set(new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString());
        idp = new Upstream().on("/jwks", (exchange, body) -> Upstream.respond(exchange, 200, "application/json", JWKS.get()))
                .on("/v", Upstream.json(200, "{}"));
        Path routes = Files.createDirectory(dir.resolve("routes"));
        Files.writeString(routes.resolve("a.webhook.json"), "{\"name\": \"a\", \"url\": \"" + idp.url("/v") + "\"}");
        service = ServiceUnderTest.start(dir, routes, "webhook.api.oidc.issuer=" + ISSUER + "\nwebhook.api.oidc.jwks-url="
                + idp.url("/jwks") + "\nwebhook.api.oidc.audience=" + AUDIENCE + "\nwebhook.api.oidc.roles-claim=groups");
    }

    @AfterAll
    static void stop() {
        service.close();
        idp.close();
    }

    private static JWTClaimsSet.Builder claims(Object roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("alice@example.com")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).claim("groups", roles);
    }

    private static String rs256(JWTClaimsSet claims, RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static int status(String token) throws Exception {
        return service.post("/api/actions/a/test", "{}", "Authorization", "Bearer " + token).statusCode();
    }

    @Test
    void aValidTokenIsAcceptedWithTheHighestRoleItsClaimLists() throws Exception {
        String tester = rs256(claims(List.of("viewer", "tester", "unrelated")).build(), rsa);
        String viewer = rs256(claims("viewer other").build(), rsa);

        assertThat(status(tester)).isEqualTo(200);
        assertThat(status(viewer)).as("a viewer may not test").isEqualTo(403);
        assertThat(service.get("/api/actions", "Authorization", "Bearer " + viewer).statusCode()).isEqualTo(200);
    }

    @Test
    void anEs256TokenIsAcceptedToo() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID()).build(), claims(List.of("tester")).build());
        jwt.sign(new ECDSASigner(ec));

        assertThat(status(jwt.serialize())).isEqualTo(200);
    }

    @Test
    void expiredWrongAudienceWrongIssuerBadSignatureAndUnsignedTokensAreRefused() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        String expired = rs256(claims(List.of("admin")).issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60))).build(), rsa);
        String notYet = rs256(claims(List.of("admin")).notBeforeTime(Date.from(Instant.now().plusSeconds(3600))).build(), rsa);
        String otherAudience = rs256(claims(List.of("admin")).audience("someone-else").build(), rsa);
        String otherIssuer = rs256(claims(List.of("admin")).issuer("https://evil.invalid").build(), rsa);
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        String badSignature = rs256(claims(List.of("admin")).build(), stranger);
        String unsigned = new PlainJWT(claims(List.of("admin")).build()).serialize();

        for (String token : List.of(expired, notYet, otherAudience, otherIssuer, badSignature, unsigned)) {
            assertThat(status(token)).isEqualTo(401);
        }
    }

    @Test
    void aTokenWithoutAKnownRoleIsForbidden() throws Exception {
        assertThat(status(rs256(claims(List.of("guests")).build(), rsa))).isEqualTo(403);
    }

    @Test
    void aRotatedKeyIsAcceptedOnceTheIssuerPublishesIt() throws Exception {
        RSAKey next = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
        String signedWithNext = rs256(claims(List.of("tester")).build(), next);
        assertThat(status(signedWithNext)).as("not published yet").isEqualTo(401);

        JWKS.set(new JWKSet(List.of(next.toPublicJWK(), ec.toPublicJWK())).toString());

        Eventually.await(Duration.ofSeconds(20), "the rotated key is fetched and accepted", () -> {
            try {
                return status(signedWithNext) == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** Without webhook.api.oidc.roles-claim the roles are read from "roles"; the token's subject is the caller the log names. */
    @Test
    void rolesIsTheDefaultClaimAndTheSubjectIsTheCallerInTheLogLine() throws Exception {
        Path other = Files.createDirectory(dir.resolve("default-claim"));
        try (ServiceUnderTest defaults = ServiceUnderTest.start(other, dir.resolve("routes"), "webhook.api.oidc.issuer=" + ISSUER
                + "\nwebhook.api.oidc.jwks-url=" + idp.url("/jwks") + "\nwebhook.api.oidc.audience=" + AUDIENCE);
             CapturedLogs logs = new CapturedLogs(Level.INFO)) {
            Instant now = Instant.now();
            JWTClaimsSet.Builder bot = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("svc-bot@example.com")
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
            SignedJWT inRoles = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID()).build(),
                    bot.claim("roles", List.of("executor")).build());
            inRoles.sign(new ECDSASigner(ec));
            SignedJWT inGroups = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID()).build(),
                    bot.claim("roles", null).claim("groups", List.of("executor")).build());
            inGroups.sign(new ECDSASigner(ec));

            assertThat(defaults.post("/api/actions/a/execute", "{}", "Authorization", "Bearer " + inRoles.serialize()).statusCode())
                    .isEqualTo(200);
            assertThat(defaults.post("/api/actions/a/execute", "{}", "Authorization", "Bearer " + inGroups.serialize()).statusCode())
                    .as("roles in another claim than the configured one give no role").isEqualTo(403);
            assertThat(logs.lines("io.webhookactions.execution")).anySatisfy(line ->
                    assertThat(line).startsWith("action=a caller=svc-bot@example.com "));
        }
    }
}
