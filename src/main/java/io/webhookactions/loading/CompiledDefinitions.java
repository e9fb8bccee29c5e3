package io.webhookactions.loading;

import io.webhookactions.definition.ActionPlan;
import io.webhookactions.definition.DefinitionLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;

/**
 * Plans already compiled from definition files, handed to the routes loader so it does not compile the same bytes a
 * second time: {@code serve} checks every file before it starts Camel (to refuse a start listing every error), and
 * its routes then load from these plans. A plan is taken once, and only for the exact bytes it was compiled from; a
 * file edited in between is compiled again.
 */
public final class CompiledDefinitions {

    /** The registry name the routes loader looks for. */
    public static final String BEAN = "webhookActionsCompiledDefinitions";

    private record Compiled(byte[] content, ActionPlan plan) {
    }

    private final Map<Path, Compiled> byFile = new HashMap<>();

    /** The plans of {@code catalog}, each with the bytes it was compiled from. */
    public static CompiledDefinitions of(DefinitionLoader.Catalog catalog) {
        CompiledDefinitions compiled = new CompiledDefinitions();
        for (ActionPlan plan : catalog.plans()) {
            byte[] content = plan.source() == null ? null : catalog.contents().get(plan.source());
            if (content != null) {
                compiled.byFile.put(key(plan.source()), new Compiled(content, plan));
            }
        }
        return compiled;
    }

    /** The instance bound in {@code context}'s registry, or null. */
    static CompiledDefinitions in(CamelContext context) {
        return context.getRegistry().lookupByNameAndType(BEAN, CompiledDefinitions.class);
    }

    /** The plan compiled from exactly {@code content} of {@code file}, once; null when there is none. */
    synchronized ActionPlan take(Path file, byte[] content) {
        Compiled compiled = byFile.remove(key(file));
        return compiled != null && Arrays.equals(compiled.content(), content) ? compiled.plan() : null;
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
