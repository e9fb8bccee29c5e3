package io.webhookactions.route;

import io.webhookactions.definition.DefinitionError;
import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.definition.InvalidDefinitionException;
import io.webhookactions.definition.LoadResult;
import io.webhookactions.definition.WebhookActionDefinition;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.dsl.support.RouteBuilderLoaderSupport;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.annotations.RoutesLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@code *.webhook.json} files as routes, so a Camel host (or {@code serve}) can use
 * {@code camel.main.routes-include-pattern=file:routes/*.webhook.json}. An invalid file logs every error
 * (file and JSON pointer) and fails the load; with reloading on, the action's previous version keeps
 * running. Files loaded from disk are watched for deletion (see {@link DeletedDefinitionWatcher}).
 */
@RoutesLoader(WebhookJsonRoutesLoader.EXTENSION)
public final class WebhookJsonRoutesLoader extends RouteBuilderLoaderSupport {

    public static final String EXTENSION = "webhook.json";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookJsonRoutesLoader.class);

    public WebhookJsonRoutesLoader() {
        super(EXTENSION);
    }

    @Override
    protected RouteBuilder doLoadRouteBuilder(Resource resource) throws Exception {
        Path file = filePath(resource).orElse(null);
        String label = file != null ? file.toString() : resource.getLocation();
        byte[] content;
        try (InputStream in = resourceInputStream(resource)) {
            content = in.readAllBytes();
        }
        LoadResult result = new DefinitionLoader(WebhookActions.properties(getCamelContext()),
                secretCheck(WebhookActions.in(getCamelContext()).settings().secrets())).load(content, label, file);
        List<DefinitionError> errors = result.errors();
        if (result.ok()) {
            errors = duplicateName(result.definition(), file);
        }
        if (!errors.isEmpty()) {
            errors.forEach(error -> LOG.error("{}", error));
            throw new InvalidDefinitionException(errors);
        }
        WebhookActionDefinition definition = result.definition();
        if (file != null) {
            DeletedDefinitionWatcher.in(getCamelContext()).watch(file, CompiledAction.routeId(definition.name()));
        }
        return new ActionRouteBuilder(definition);
    }

    /** An action name may not be taken over by a second file (it would silently replace the first). */
    private List<DefinitionError> duplicateName(WebhookActionDefinition definition, Path file) {
        Optional<CompiledAction> existing = WebhookActions.in(getCamelContext()).registry().find(definition.name());
        if (existing.isPresent() && file != null && existing.get().definition().source() != null
                && !existing.get().definition().source().toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
            return List.of(new DefinitionError(file.toString(), "/name", "action name \"" + definition.name()
                    + "\" is already used by " + existing.get().definition().source() + "; names must be unique, rename one"));
        }
        return List.of();
    }

    /** Secret names are checked against the store once it exists; a store never written to checks nothing yet. */
    static java.util.function.Predicate<String> secretCheck(io.webhookactions.attribute.SecretSource secrets) {
        if (secrets instanceof io.webhookactions.secret.SecretStore store && store.exists()) {
            return store::contains;
        }
        return null;
    }

    private static Optional<Path> filePath(Resource resource) {
        String location = resource.getLocation();
        if (location != null && location.startsWith("file:")) {
            return Optional.of(Path.of(location.substring("file:".length())));
        }
        return Optional.empty();
    }
}
