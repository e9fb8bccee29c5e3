package io.webhookactions.perimeter;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.webhookactions.testing.TestIssuer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OIDC bearer tokens (SPEC §10) checked against a JWKS served from 127.0.0.1 with keys made in the test: the
 * verdict for valid, role-less and refused tokens, and the highest role a token's claim lists.
 */
class OidcTokensTest {

    private static TestIssuer issuer;
    private static OidcTokens tokens;

    @BeforeAll
    static void start() throws Exception {
        issuer = new TestIssuer();
        tokens = new OidcTokens(TestIssuer.ISSUER, URI.create(issuer.jwksUrl()).toURL(), TestIssuer.AUDIENCE, "groups");
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    private static JWTClaimsSet.Builder claims(Object roles) {
        return TestIssuer.claims("groups", roles);
    }

    private static String rs256(JWTClaimsSet claims) throws Exception {
        return issuer.rs256(claims);
    }

    private static Role accepted(OidcTokens.Verdict verdict) {
        assertThat(verdict).isInstanceOf(OidcTokens.Verdict.Accepted.class);
        Caller caller = ((OidcTokens.Verdict.Accepted) verdict).caller();
        assertThat(caller.name()).isEqualTo(TestIssuer.SUBJECT);
        assertThat(caller.actions()).as("a token is not limited to actions").isEmpty();
        return caller.role();
    }

    @Test
    void aValidTokenIsAcceptedWithTheHighestRoleItsListClaimNames() throws Exception {
        assertThat(accepted(tokens.verify(rs256(claims(List.of("viewer", "admin", "tester")).build())))).isEqualTo(Role.ADMIN);
        assertThat(accepted(tokens.verify(rs256(claims(List.of("tester", "unrelated")).build())))).isEqualTo(Role.TESTER);
        assertThat(accepted(tokens.verify(rs256(claims(List.of("Executor")).build())))).isEqualTo(Role.EXECUTOR);
    }

    @Test
    void aRolesClaimWrittenAsOneStringIsReadAsSpaceSeparatedRoles() throws Exception {
        assertThat(accepted(tokens.verify(rs256(claims("viewer  executor\tother").build())))).isEqualTo(Role.EXECUTOR);
        assertThat(accepted(tokens.verify(rs256(claims("viewer").build())))).isEqualTo(Role.VIEWER);
    }

    @Test
    void anEs256TokenIsAcceptedToo() throws Exception {
        assertThat(accepted(tokens.verify(issuer.es256(claims(List.of("tester")).build())))).isEqualTo(Role.TESTER);
    }

    @Test
    void aValidTokenWithoutAKnownRoleNamesItsSubject() throws Exception {
        for (Object roles : new Object[] {List.of("guests"), List.of(), "", "root admins", 42}) {
            OidcTokens.Verdict verdict = tokens.verify(rs256(claims(roles).build()));

            assertThat(verdict).as(String.valueOf(roles)).isEqualTo(new OidcTokens.Verdict.NoRole(TestIssuer.SUBJECT));
        }
        OidcTokens.Verdict withoutClaim = tokens.verify(rs256(TestIssuer.claims("other-claim", List.of("admin")).build()));
        assertThat(withoutClaim).as("roles under another claim").isEqualTo(new OidcTokens.Verdict.NoRole(TestIssuer.SUBJECT));
    }

    @Test
    void expiredNotYetValidForeignAndBadlySignedTokensAreRejected() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        List<String> refused = List.of(
                rs256(claims(List.of("admin")).issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60))).build()),
                rs256(claims(List.of("admin")).notBeforeTime(Date.from(Instant.now().plusSeconds(3600))).build()),
                rs256(claims(List.of("admin")).audience("someone-else").build()),
                rs256(claims(List.of("admin")).issuer("https://evil.invalid").build()),
                rs256(claims(List.of("admin")).expirationTime(null).build()),
                rs256(claims(List.of("admin")).subject(null).build()),
                TestIssuer.rs256(claims(List.of("admin")).build(), stranger),
                new PlainJWT(claims(List.of("admin")).build()).serialize(),
                hs256(claims(List.of("admin")).build()),
                "not-a-token",
                "");
        for (String token : refused) {
            OidcTokens.Verdict verdict = tokens.verify(token);

            assertThat(verdict).as(token).isInstanceOf(OidcTokens.Verdict.Rejected.class);
            assertThat(((OidcTokens.Verdict.Rejected) verdict).reason()).as(token).isNotBlank();
        }
    }

    @Test
    void anExpiredTokenIsRejectedWithTheReason() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        String expired = rs256(claims(List.of("admin")).issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60))).build());

        assertThat(tokens.verify(expired)).isEqualTo(new OidcTokens.Verdict.Rejected("Expired JWT"));
    }

    private static String hs256(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims);
        jwt.sign(new MACSigner("a shared secret of at least 256 bits, i.e. 32 bytes".getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
