package io.webhookactions.spring;

import io.webhookactions.attribute.SecretSource;
import io.webhookactions.secret.PropertySecretSource;
import io.webhookactions.secret.SecretChain;
import io.webhookactions.secret.SecretStore;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Webhook actions in a Spring Boot application with Camel's starter. Definitions load through Camel's own
 * {@code camel.main.routes-include-pattern} (the library registers the {@code webhook.json} routes loader); this adds
 * the {@link SecretSource} that reads {@code webhook.secret.NAME} from Spring's Environment (any property source:
 * files, the environment, Spring Cloud Config or Vault), then the encrypted store, and binds every {@code webhook.*}
 * key to {@link WebhookProperties} so IDEs complete and document them. A {@link SecretSource} bean of the
 * application's own replaces this one.
 */
@AutoConfiguration(afterName = "org.apache.camel.spring.boot.CamelAutoConfiguration")
@ConditionalOnClass(name = "org.apache.camel.spring.boot.CamelAutoConfiguration")
@ConditionalOnBean(CamelContext.class)
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookActionsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SecretSource.class)
    public SecretSource webhookActionsSecretSource(Environment environment, WebhookProperties properties) {
        return SecretChain.propertiesThenStore(new PropertySecretSource(key -> Optional.ofNullable(environment.getProperty(key))),
                SecretStore.open(Path.of(properties.getSecretsFile()), Path.of(properties.getMasterKeyFile())));
    }
}
