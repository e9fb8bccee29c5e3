package io.webhookactions.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.support.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC §11: the lifetime a token endpoint gives ({@code expires_in}) is capped at a day, so a token "valid for
 * ever" (or a value that would overflow the cache's arithmetic) is still renewed daily; missing or unreadable
 * lifetimes count as an hour.
 */
class TokenLifetimeTest {

    @ParameterizedTest(name = "expires_in {0} -> {1} s")
    @CsvSource(delimiter = '|', textBlock = """
            3599                      | 3599
            86399                     | 86399
            86400                     | 86400
            86401                     | 86400
            9223372036854775807       | 86400
            1e30                      | 86400
            '"7200"'                  | 7200
            '"99999999999999999999"'  | 86400
            0                         | 3600
            -5                        | 3600
            '"soon"'                  | 3600
            null                      | 3600
            """)
    void theLifetimeIsTheEndpointsUpToADay(String expiresIn, long seconds) throws Exception {
        JsonNode value = Json.mapper().readTree("{\"expires_in\": " + expiresIn + "}").get("expires_in");

        assertThat(OAuth2Authenticator.lifetime(value.isNull() ? null : value)).isEqualTo(seconds);
    }

    @Test
    void anAnswerWithoutALifetimeGivesAnHour() {
        assertThat(OAuth2Authenticator.lifetime(null)).isEqualTo(3600);
    }
}
