package io.webhookactions.component;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.response.ActionResult;
import io.webhookactions.secret.MasterKey;
import io.webhookactions.secret.SecretStore;
import io.webhookactions.testing.CapturedLogs;
import io.webhookactions.testing.Upstream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets in a Camel host (SPEC §12): from the host's properties ({@code webhook.secret.NAME}, vault functions
 * included), from a {@link SecretSource} bean, or from the encrypted store made with its Java API. With every logger
 * at TRACE, no value a source returned, no {@code {{...}}} value used inside authentication, and nothing derived from
 * them appears in the log, the result, its headers or its JSON; the upstream still receives them in the clear.
 *
 * <p>One logger is left out: Camel's own property resolution ({@value #CAMEL_PROPERTIES}) prints every value it
 * resolves at TRACE, a host's database password as much as these. Like HttpClient's wire loggers it must stay
 * above TRACE where secrets are properties; the component page says so.
 */
class HostSecretsTest {

    private static final String VAULT_TOKEN = "VAULT-TOKEN-3f9c";
    private static final String SIGNING_KEY = "SIGNING-KEY-81b0";
    private static final String PARTNER_ID = "PARTNER-ID-5e7a";
    private static final String CAMEL_PROPERTIES = "org.apache.camel.component.properties";

    @TempDir
    Path dir;

    /** Stands in for a vault function such as {@code {{aws:...}}}: Camel asks it for {@code {{vault:NAME}}}. */
    private static final class FakeVault implements PropertiesFunction {
        @Override
        public String getName() {
            return "vault";
        }

        @Override
        public String apply(String remainder) {
            return remainder.equals("api") ? VAULT_TOKEN : null;
        }
    }

    @Test
    void propertiesAndVaultFunctionsSupplySecretsThatAppearNowhereAtTrace() throws Exception {
        try (Upstream upstream = HostRoutes.upstream(); CamelContext context = new DefaultCamelContext()) {
            HostRoutes.properties(context, upstream);
            context.getPropertiesComponent().addPropertiesFunction(new FakeVault());
            context.getPropertiesComponent().addInitialProperty("webhook.secret.api_token", "{{vault:api}}");
            context.getPropertiesComponent().addInitialProperty("webhook.secret.signing_key", SIGNING_KEY);
            context.getPropertiesComponent().addInitialProperty("partner.id", PARTNER_ID);

            runAndAssertNothingLeaks(context, upstream);
        }
    }

    @Test
    void secretSourceBeanInTheRegistryIsUsedAndMaskedTheSameWay() throws Exception {
        try (Upstream upstream = HostRoutes.upstream(); CamelContext context = new DefaultCamelContext()) {
            HostRoutes.properties(context, upstream);
            context.getPropertiesComponent().addInitialProperty("partner.id", PARTNER_ID);
            Map<String, String> vault = Map.of("api_token", VAULT_TOKEN, "signing_key", SIGNING_KEY);
            context.getRegistry().bind("hostSecrets", SecretSource.class, (SecretSource) name -> Optional.ofNullable(vault.get(name)));

            runAndAssertNothingLeaks(context, upstream);
        }
    }

    @Test
    void encryptedStoreWrittenWithItsJavaApiServesAHostWithoutTheCommandLine() throws Exception {
        Path keyFile = dir.resolve("master.key");
        Path secretsFile = dir.resolve("secrets.json");
        MasterKey.create(keyFile);
        SecretStore store = SecretStore.open(secretsFile, keyFile);
        store.set("api_token", VAULT_TOKEN);
        store.set("signing_key", SIGNING_KEY);
        try (Upstream upstream = HostRoutes.upstream(); CamelContext context = new DefaultCamelContext()) {
            HostRoutes.properties(context, upstream);
            context.getPropertiesComponent().addInitialProperty("partner.id", PARTNER_ID);
            context.getPropertiesComponent().addInitialProperty("webhook.secrets-file", secretsFile.toString());
            context.getPropertiesComponent().addInitialProperty("webhook.master-key-file", keyFile.toString());

            runAndAssertNothingLeaks(context, upstream);
        }
    }

    private static void runAndAssertNothingLeaks(CamelContext context, Upstream upstream) throws Exception {
        List<String> shown = new ArrayList<>();
        try (CapturedLogs logs = new CapturedLogs(Level.TRACE, "org.apache.camel", "org.apache.hc", "io.webhookactions")) {
            HostRoutes.load(context, "signed_ping");
            context.start();
            Exchange exchange = context.createProducerTemplate().request("webhook-action:signed_ping",
                    e -> e.getMessage().setBody(Map.of("user", Map.of("ping", "hello"))));

            ActionResult result = exchange.getMessage().getBody(ActionResult.class);
            assertThat(result.success()).as("the call went through: %s", result.error()).isTrue();
            shown.add(exchange.getMessage().getBody(String.class));
            shown.add(String.valueOf(exchange.getMessage().getHeaders()));
            shown.add(logs.textExcept(CAMEL_PROPERTIES));
            assertThat(logs.events()).as("the test really logged at TRACE").hasSizeGreaterThan(50);
        }
        Upstream.Received sent = upstream.last();
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + VAULT_TOKEN);
        assertThat(sent.header("X-Partner")).isEqualTo(PARTNER_ID);
        assertThat(shown.get(0)).contains("\"Authorization\":\"Bearer " + SecretSource.MASK + "\"");
        String everything = String.join("\n", shown);
        for (String secret : List.of(VAULT_TOKEN, SIGNING_KEY, PARTNER_ID, sent.header("X-Signature"),
                Base64.getEncoder().encodeToString(VAULT_TOKEN.getBytes(StandardCharsets.UTF_8)))) {
            assertThat(everything).as("leaked: %s", secret).doesNotContain(secret);
        }
    }
}
