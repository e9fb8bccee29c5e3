package io.webhookactions.loading;

import io.webhookactions.definition.ActionPlan;
import io.webhookactions.definition.AuthPlan;
import io.webhookactions.definition.DefinitionError;
import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.definition.InvalidDefinitionException;
import io.webhookactions.definition.LoadResult;
import io.webhookactions.route.ActionRouteBuilder;
import io.webhookactions.runtime.ActionRoutes;
import io.webhookactions.runtime.WebhookActions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.dsl.support.ExtendedRouteBuilderLoaderSupport;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.annotations.RoutesLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@code *.webhook.json} files as routes, so a Camel host (or {@code serve}) can use
 * {@code camel.main.routes-include-pattern=file:routes/*.webhook.json}. Camel hands it every file of a load at once:
 * the files are compiled into their plans in parallel, once, and all their routes go to Camel in one builder, so Camel's model adds them in one pass instead of one scan of its routes per file.
 *
 * <p>At start, invalid files log every error of every file (file and JSON pointer) and fail the load: a deployment
 * never runs with half its actions. Once running (a reload), a broken file keeps its action's previous version
 * running and is listed as a problem. Files loaded from disk are watched for deletion (see
 * {@link DeletedDefinitionWatcher}).
 */
@RoutesLoader(WebhookJsonRoutesLoader.EXTENSION)
public final class WebhookJsonRoutesLoader extends ExtendedRouteBuilderLoaderSupport {

    public static final String EXTENSION = "webhook.json";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookJsonRoutesLoader.class);

    public WebhookJsonRoutesLoader() {
        super(EXTENSION);
    }

    /** One file of a load: where it is, how messages name it, and its plan or errors. */
    private record Loaded(Resource resource, Path file, String label, boolean empty, LoadResult result) {

        Loaded failed(List<DefinitionError> errors) {
            return new Loaded(resource, file, label, empty, new LoadResult(null, errors));
        }
    }

    @Override
    protected RouteBuilder doLoadRouteBuilder(Resource resource) throws Exception {
        return load(List.of(resource));
    }

    @Override
    protected Collection<RoutesBuilder> doLoadRoutesBuilders(Collection<Resource> resources) throws Exception {
        return List.of(load(resources));
    }

    private RouteBuilder load(Collection<Resource> resources) throws Exception {
        WebhookActions actions = WebhookActions.in(getCamelContext());
        DefinitionLoader loader = new DefinitionLoader(actions.placeholders(), actions.secretNames());
        List<Loaded> loads = new ArrayList<>(DefinitionLoader.inParallel(new ArrayList<>(resources),
                resource -> compile(resource, loader)));
        duplicateNames(loads, actions);
        unusableCertificates(loads, actions);

        boolean starting = !getCamelContext().isStarted();
        List<DefinitionError> errors = new ArrayList<>();
        loads.forEach(load -> errors.addAll(load.result().errors()));
        if (starting && !errors.isEmpty()) {
            // At start a deployment never runs with half its actions (SPEC §7): every error of every file.
            errors.forEach(error -> LOG.error("{}", error));
            throw new InvalidDefinitionException(errors);
        }

        List<ActionPlan> plans = new ArrayList<>();
        Map<String, Resource> sources = new HashMap<>();
        for (Loaded load : loads) {
            ActionPlan plan = load.result().ok() ? loaded(load, actions) : broken(load, actions);
            if (plan != null) {
                plans.add(plan);
                sources.put(plan.name(), load.resource());
            }
        }
        return new ActionRouteBuilder(plans, sources);
    }

    private Loaded compile(Resource resource, DefinitionLoader loader) {
        Path file = filePath(resource).orElse(null);
        String label = file != null ? file.toString() : resource.getLocation();
        byte[] content;
        // Read directly rather than with resourceInputStream, which throws (with a stack trace in Camel's reload
        // log) for an empty file: the state of every file between an editor's truncate and its write.
        try (InputStream in = resource.getInputStream()) {
            // The bytes as they are: the loader checks they are UTF-8 and says what is wrong with an empty file.
            content = in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            content = new byte[0];
        }
        return new Loaded(resource, file, label, content.length == 0, loader.load(content, label, file));
    }

    /** A file that loaded: no longer a problem, and watched for its deletion. */
    private ActionPlan loaded(Loaded load, WebhookActions actions) {
        actions.problems().cleared(load.label());
        RemoveAllRoutesWarning.register(getCamelContext());
        if (load.file() != null) {
            DeletedDefinitionWatcher.in(getCamelContext()).watch(load.file(), ActionRoutes.routeId(load.result().plan().name()));
        }
        return load.result().plan();
    }

    /**
     * A broken file during a reload: listed as a problem, and nothing is thrown, so Camel's reload does not retry this
     * file with every later edit of another (SPEC §11). Its action's last good version keeps running; when the reload
     * removed every route first, that version is loaded again.
     */
    private ActionPlan broken(Loaded load, WebhookActions actions) {
        // One line per error, once: an editor's save often fires two change events for one edit. An empty file is
        // listed but not logged: it is almost always half-way through a save, and the write's own change event
        // follows within milliseconds.
        if (actions.problems().broken(load.label(), load.result().errors()) && !load.empty()) {
            load.result().errors().forEach(error -> LOG.error("{} (the previous version keeps running)", error));
        }
        if (load.file() != null) {
            DeletedDefinitionWatcher.in(getCamelContext()).watchFolderOf(load.file());
        }
        for (ActionPlan plan : actions.registry().lastLoaded()) {
            if (plan.source() != null && plan.source().toString().equals(load.label())
                    && getCamelContext().getRouteController().getRouteStatus(ActionRoutes.routeId(plan.name())) == null) {
                return plan;
            }
        }
        return null;
    }

    /**
     * An action name may not be taken over by a second file (it would silently replace the first): neither by a file
     * of the same load nor by one loaded before.
     */
    private static void duplicateNames(List<Loaded> loads, WebhookActions actions) {
        Map<String, Path> first = new LinkedHashMap<>();
        for (int i = 0; i < loads.size(); i++) {
            Loaded load = loads.get(i);
            if (!load.result().ok()) {
                continue;
            }
            ActionPlan plan = load.result().plan();
            Path file = load.file();
            Path other = first.putIfAbsent(plan.name(), file);
            if (other == null) {
                Optional<ActionPlan> existing = actions.registry().find(plan.name());
                if (existing.isPresent() && existing.get().source() != null && file != null && !same(existing.get().source(), file)) {
                    other = existing.get().source();
                }
            }
            if (other != null && file != null && !same(other, file)) {
                loads.set(i, load.failed(List.of(DefinitionLoader.duplicateName(file.toString(), plan.name(), other))));
            }
        }
    }

    /**
     * An mTLS action whose client certificate cannot be used (wrong password, unreadable material) fails its file, as
     * in {@code serve}'s start-up check and {@code validate}; the check reads the secrets, which the compiler never sees.
     */
    private static void unusableCertificates(List<Loaded> loads, WebhookActions actions) {
        for (int i = 0; i < loads.size(); i++) {
            Loaded load = loads.get(i);
            // Only an mTLS action has a certificate to check (the check sets up a scope over the secrets for each).
            if (!load.result().ok() || !(load.result().plan().authentication() instanceof AuthPlan.Mtls)) {
                continue;
            }
            List<DefinitionError> errors = UsableCertificates.check(List.of(load.result().plan()), actions.settings().secrets())
                    .stream().map(error -> new DefinitionError(load.label(), error.pointer(), error.reason())).toList();
            if (!errors.isEmpty()) {
                loads.set(i, load.failed(errors));
            }
        }
    }

    private static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static Optional<Path> filePath(Resource resource) {
        String location = resource.getLocation();
        if (location != null && location.startsWith("file:")) {
            return Optional.of(Path.of(location.substring("file:".length())));
        }
        return Optional.empty();
    }
}
