package io.webhookactions.testing;

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
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * An OIDC issuer for tests: an RSA and an EC key made here, their JWKS served from 127.0.0.1, and tokens
 * signed with them for subject {@code alice@example.com}.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String ISSUER = "https://idp.test.invalid";
    public static final String AUDIENCE = "webhook-actions";
    public static final String SUBJECT = "alice@example.com";

    private final RSAKey rsa;
    private final ECKey ec;
    private final Upstream server;

    public TestIssuer() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        String jwks = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString();
        server = new Upstream().on("/jwks", (exchange, body) -> Upstream.respond(exchange, 200, "application/json", jwks));
    }

    /** The JWKS URL, on 127.0.0.1. */
    public String jwksUrl() {
        return server.url("/jwks");
    }

    public RSAKey rsa() {
        return rsa;
    }

    /** Valid claims for five minutes, with {@code roles} (a list or a string) under {@code rolesClaim}. */
    public static JWTClaimsSet.Builder claims(String rolesClaim, Object roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(SUBJECT)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).claim(rolesClaim, roles);
    }

    /** {@code claims} signed RS256 with {@code key} (this issuer's or a stranger's with the same key id). */
    public static String rs256(JWTClaimsSet claims, RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    public String rs256(JWTClaimsSet claims) throws Exception {
        return rs256(claims, rsa);
    }

    public String es256(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(ec));
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.close();
    }
}
