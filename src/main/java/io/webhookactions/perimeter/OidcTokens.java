package io.webhookactions.perimeter;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URL;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * OIDC bearer tokens (SPEC §10): a JWT signed with RS256 or ES256 by a key of the issuer's JWKS, with
 * {@code exp}, {@code nbf}, {@code aud} and {@code iss} verified, is accepted like an API key whose role is the
 * highest one its roles claim lists. The JWKS is fetched and cached by nimbus-jose-jwt; a token signed with a
 * key the cache does not know makes it fetch the set again (rate-limited), so a key rotation is picked up
 * without a restart. Unsigned tokens ({@code alg: none}) and other algorithms are refused.
 */
public final class OidcTokens {

    /** The outcome of checking one token. */
    public sealed interface Verdict {
        /** A valid token with a role. */
        record Accepted(Caller caller) implements Verdict {
        }

        /** A valid token whose roles claim names no role this service knows. */
        record NoRole(String subject) implements Verdict {
        }

        /** Not a token of this issuer for this audience, expired, or badly signed. */
        record Rejected(String reason) implements Verdict {
        }
    }

    static final long JWKS_REFRESH_INTERVAL_MS = 5_000;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String rolesClaim;

    /**
     * @param issuer     the {@code iss} every token must carry
     * @param jwksUrl    where the issuer publishes its keys
     * @param audience   the {@code aud} every token must include
     * @param rolesClaim the claim holding the roles (a list or a space-separated string)
     */
    public OidcTokens(String issuer, URL jwksUrl, String audience, String rolesClaim) {
        // A token signed with a key the cache does not know makes it fetch the set again, at most every 5 s:
        // a rotated key works on its first use, and a flood of made-up key ids cannot hammer the issuer.
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(jwksUrl).retrying(true)
                .rateLimited(JWKS_REFRESH_INTERVAL_MS).build();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp", "sub")));
        this.rolesClaim = rolesClaim;
    }

    public Verdict verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            return new Verdict.Rejected(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        Optional<Role> role = highestRole(claims.getClaim(rolesClaim));
        return role.<Verdict>map(found -> new Verdict.Accepted(new Caller(claims.getSubject(), found, List.of())))
                .orElseGet(() -> new Verdict.NoRole(claims.getSubject()));
    }

    private static Optional<Role> highestRole(Object claim) {
        List<String> names = new ArrayList<>();
        if (claim instanceof List<?> list) {
            list.forEach(item -> names.add(String.valueOf(item)));
        } else if (claim instanceof String text) {
            names.addAll(List.of(text.split("\\s+")));
        }
        return names.stream().map(Role::ofKey).flatMap(Optional::stream).max(Enum::compareTo);
    }
}
