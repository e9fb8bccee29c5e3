package io.webhookactions.loading;

import io.webhookactions.definition.ActionPlan;
import io.webhookactions.definition.DefinitionError;
import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.definition.InvalidDefinitionException;
import io.webhookactions.definition.LoadResult;
import io.webhookactions.route.ActionRouteBuilder;
import io.webhookactions.runtime.ActionRoutes;
import io.webhookactions.runtime.WebhookActions;
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
 * {@code camel.main.routes-include-pattern=file:routes/*.webhook.json}. Each file is compiled into its plan
 * here, once; an invalid file logs every error (file and JSON pointer) and fails the load; with reloading
 * on, the action's previous version keeps running. Files loaded from disk are watched for deletion (see
 * {@link DeletedDefinitionWatcher}).
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
        // Read directly rather than with resourceInputStream, which throws (with a stack trace in Camel's reload
        // log) for an empty file: the state of every file between an editor's truncate and its write.
        try (InputStream in = resource.getInputStream()) {
            content = in.readAllBytes();
        }
        WebhookActions actions = WebhookActions.in(getCamelContext());
        LoadResult result = new DefinitionLoader(actions.placeholders(), actions.secretNames()).load(content, label, file);
        List<DefinitionError> errors = result.ok() ? duplicateName(actions, result.plan(), file) : result.errors();
        if (errors.isEmpty()) {
            errors = UsableCertificates.check(List.of(result.plan()), actions.settings().secrets()).stream()
                    .map(error -> new DefinitionError(label, error.pointer(), error.reason())).toList();
        }
        if (!errors.isEmpty()) {
            if (!getCamelContext().isStarted()) {
                errors.forEach(error -> LOG.error("{}", error));
                // At start a deployment never runs with half its actions (SPEC §7).
                throw new InvalidDefinitionException(errors);
            }
            // A broken edit: the last good version keeps running and the file is listed as a problem. Nothing is
            // thrown, so Camel's reload does not retry this file with every later edit of another (SPEC §11). One line
            // per error, once: an editor's save often fires two change events for one edit.
            // An empty file is listed but not logged: it is almost always half-way through a save, and the write's
            // own change event follows within milliseconds.
            if (actions.problems().broken(label, errors) && content.length > 0) {
                errors.forEach(error -> LOG.error("{} (the previous version keeps running)", error));
            }
            if (file != null) {
                DeletedDefinitionWatcher.in(getCamelContext()).watchFolderOf(file);
            }
            return lastGoodVersion(actions, label);
        }
        actions.problems().cleared(label);
        ActionPlan plan = result.plan();
        RemoveAllRoutesWarning.register(getCamelContext());
        if (file != null) {
            DeletedDefinitionWatcher.in(getCamelContext()).watch(file, ActionRoutes.routeId(plan.name()));
        }
        return new ActionRouteBuilder(plan);
    }

    /**
     * What a broken file loads as during a reload: nothing when its last good version still runs (a reload that
     * keeps other routes leaves it in place), that version again when the reload removed every route first.
     */
    private RouteBuilder lastGoodVersion(WebhookActions actions, String label) {
        for (ActionPlan plan : actions.registry().lastLoaded()) {
            if (plan.source() != null && plan.source().toString().equals(label)
                    && getCamelContext().getRoute(ActionRoutes.routeId(plan.name())) == null) {
                return new ActionRouteBuilder(plan);
            }
        }
        return new RouteBuilder() {
            @Override
            public void configure() {
                // no route: the running version (if any) stays as it is
            }
        };
    }

    /** An action name may not be taken over by a second file (it would silently replace the first). */
    private static List<DefinitionError> duplicateName(WebhookActions actions, ActionPlan plan, Path file) {
        Optional<ActionPlan> existing = actions.registry().find(plan.name());
        if (existing.isPresent() && file != null && existing.get().source() != null
                && !existing.get().source().toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
            return List.of(DefinitionLoader.duplicateName(file.toString(), plan.name(), existing.get().source()));
        }
        return List.of();
    }

    private static Optional<Path> filePath(Resource resource) {
        String location = resource.getLocation();
        if (location != null && location.startsWith("file:")) {
            return Optional.of(Path.of(location.substring("file:".length())));
        }
        return Optional.empty();
    }
}
