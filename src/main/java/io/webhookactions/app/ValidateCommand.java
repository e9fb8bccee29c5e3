package io.webhookactions.app;

import io.webhookactions.definition.AttributeTypesLoader;
import io.webhookactions.definition.DefinitionError;
import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.loading.UsableCertificates;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validate [DIR|FILE...]}: every error of every definition, one line each; exit 1 if any. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check webhook action definitions and print every error as FILE: /json/pointer: reason.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR|FILE", arity = "0..*",
            description = "Definition files or folders of *.webhook.json (default: webhook.routes, i.e. routes).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file (default: ${DEFAULT-VALUE}).")
    Path config = ServiceConfig.DEFAULT_FILE;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ServiceConfig properties = ServiceConfig.load(config)) {
            return validate(properties, out);
        }
    }

    private int validate(ServiceConfig properties, PrintWriter out) {
        List<Path> targets = paths.isEmpty() ? List.of(properties.routes()) : paths;

        io.webhookactions.secret.SecretStore secrets = properties.secretStore();
        DefinitionLoader.Catalog catalog = new DefinitionLoader(properties.placeholders(), properties.secretNames()).loadAll(targets);
        List<DefinitionError> errors = new ArrayList<>(catalog.errors());
        errors.addAll(UsableCertificates.check(catalog.plans(), properties.secretSource()));
        AttributeTypesLoader.Result types = AttributeTypesLoader.load(
                Path.of(properties.get("webhook.attributes-file", "config/attributes.json")));
        errors.addAll(types.errors());

        errors.forEach(out::println);
        if (!errors.isEmpty()) {
            Set<String> files = new LinkedHashSet<>();
            errors.forEach(error -> files.add(error.file()));
            out.printf("%d error%s in %d file%s; %d of %d definition%s valid%n", errors.size(), plural(errors.size()),
                    files.size(), plural(files.size()), catalog.plans().size(), catalog.files(), plural(catalog.files()));
            out.flush();
            return 1;
        }
        if (!secrets.exists()) {
            out.println("note: " + secrets.file() + " does not exist yet, so secret names were not checked");
        }
        out.printf("OK: %d definition%s valid (%s)%s%n", catalog.plans().size(), plural(catalog.plans().size()),
                String.join(", ", targets.stream().map(Path::toString).toList()),
                types.types().size() > 0 ? "; " + types.types().size() + " attribute types declared" : "");
        out.flush();
        return 0;
    }

    private static String plural(int count) {
        return count == 1 ? "" : "s";
    }
}
