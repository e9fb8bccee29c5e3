package io.webhookactions.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.definition.DefinitionError;
import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.definition.DefinitionReader;
import io.webhookactions.definition.LegacyConversion;
import io.webhookactions.definition.LoadResult;
import io.webhookactions.support.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code convert FILE}: prints the V2 definition equivalent to a legacy one (SPEC §9). */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Print the V2 definition equivalent to a legacy webhook action (differences go to stderr).")
final class ConvertCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "A legacy definition (\"type\": \"legacy\").")
    Path file;

    @picocli.CommandLine.Option(names = "--config", paramLabel = "FILE", description = "Properties file (default: ${DEFAULT-VALUE}).")
    Path config = ServiceConfig.DEFAULT_FILE;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadResult loaded;
        try (ServiceConfig properties = ServiceConfig.load(config)) {
            loaded = new DefinitionLoader(properties.placeholders(), null).load(file);
        }
        if (!loaded.ok()) {
            loaded.errors().stream().map(DefinitionError::toString).forEach(err::println);
            err.flush();
            return 1;
        }
        if (!loaded.plan().isLegacy()) {
            err.println("error: " + file + " is already a V2 definition; only \"type\": \"legacy\" files are converted");
            err.flush();
            return 1;
        }
        JsonNode tree = DefinitionReader.read(file, file.toString()).tree();
        out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(LegacyConversion.toV2(tree, loaded.plan())));
        for (String difference : LegacyConversion.DIFFERENCES) {
            err.println("note: " + difference);
        }
        out.flush();
        err.flush();
        return 0;
    }
}
