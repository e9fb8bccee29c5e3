package io.webhookactions.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.attribute.SecretSource;
import io.webhookactions.component.WebhookActionConstants;
import io.webhookactions.runtime.WebhookActions;
import io.webhookactions.secret.SecretChain;
import io.webhookactions.testing.Upstream;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A real Spring Boot application with Camel's starter and the library on the classpath: definitions load from
 * {@code camel.main.routes-include-pattern}, the auto-configured SecretSource reads {@code webhook.secret.*} from
 * Spring's Environment, and a host route calls an action against a loopback upstream.
 */
class SpringBootHostTest {

    private static final String LOGGING_SYSTEM = "org.springframework.boot.logging.LoggingSystem";
    private static String previousLogging;

    /** The host application: Camel's auto-configuration, ours, and one route of its own. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class HostApplication {
        @Bean
        RouteBuilder hostRoutes() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:ping").routeId("host-ping").to("webhook-action:signed_ping");
                }
            };
        }
    }

    @BeforeAll
    static void keepTheTestsLogging() {
        // Spring Boot would otherwise reconfigure logback for the rest of this JVM's tests.
        previousLogging = System.setProperty(LOGGING_SYSTEM, "none");
    }

    @AfterAll
    static void restoreLogging() {
        if (previousLogging == null) {
            System.clearProperty(LOGGING_SYSTEM);
        } else {
            System.setProperty(LOGGING_SYSTEM, previousLogging);
        }
    }

    @Test
    void springBootHostLoadsDefinitionsAndReadsSecretsFromItsEnvironment() throws Exception {
        try (Upstream upstream = new Upstream().on("/ping", Upstream.json(200, "{\"echo\": \"pong\"}"))) {
            Map<String, Object> properties = new HashMap<>();
            properties.put("camel.main.routes-include-pattern", "file:src/test/resources/host/routes/signed_ping.webhook.json");
            properties.put("upstream", upstream.url(""));
            properties.put("partner.id", "partner-from-spring");
            properties.put("webhook.secret.api_token", "token-from-spring-environment");
            properties.put("webhook.secret.signing_key", "key-from-spring-environment");
            properties.put("webhook.default-timeout-ms", "4000");
            // Not the service's ./config/application.properties, which Spring Boot would read from the working folder.
            properties.put("spring.config.location", "optional:classpath:/no-such-application.properties");
            String[] args = properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                    .toArray(String[]::new);
            try (ConfigurableApplicationContext spring = new SpringApplicationBuilder(HostApplication.class)
                    .web(WebApplicationType.NONE).run(args)) {
                CamelContext camel = spring.getBean(CamelContext.class);

                Exchange exchange = camel.createProducerTemplate().request("direct:ping",
                        e -> e.getMessage().setBody(Map.of("user", Map.of("ping", "from spring"))));

                assertThat(exchange.getMessage().getHeader(WebhookActionConstants.SUCCESS)).isEqualTo(true);
                assertThat(upstream.last().header("Authorization")).isEqualTo("Bearer token-from-spring-environment");
                SecretSource bean = spring.getBean(SecretSource.class);
                assertThat(bean).isInstanceOf(SecretChain.class);
                WebhookActions actions = WebhookActions.in(camel);
                assertThat(actions.settings().secrets()).as("the engine uses the auto-configured source").isSameAs(bean);
                assertThat(actions.settings().defaultTimeoutMs()).isEqualTo(4000);
                assertThat(spring.getBean(WebhookProperties.class).getDefaultTimeoutMs()).isEqualTo(4000);
            }
        }
    }
}
