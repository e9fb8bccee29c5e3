package io.webhookactions.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Loads webhook action definitions: strict JSON, then the JSON Schema shared with editors, then the
 * semantic checks. All errors of a file are reported together, each with the file and JSON pointer.
 * Loading never throws for bad input; see {@link LoadResult#orThrow()} for callers that want to.
 */
public final class DefinitionLoader {

    /** Definition files end with this; other files in a routes folder are ignored. */
    public static final String EXTENSION = ".webhook.json";

    private final UnaryOperator<String> properties;
    private final java.util.function.Predicate<String> secretExists;

    /** A loader that checks {@code {{key}}} placeholders for syntax only. */
    public DefinitionLoader() {
        this(null);
    }

    /**
     * @param properties resolves {@code {{key}}} placeholders (returns null when undefined); an
     *                   undefined placeholder is then a load error
     */
    public DefinitionLoader(UnaryOperator<String> properties) {
        this(properties, null);
    }

    /**
     * @param secretExists tells whether a secret of that name is in the store; a {@code {secret.x}} naming
     *                     none is then a load error (null: not checked)
     */
    public DefinitionLoader(UnaryOperator<String> properties, java.util.function.Predicate<String> secretExists) {
        this.properties = properties;
        this.secretExists = secretExists;
    }

    public LoadResult load(Path file) {
        String label = file.toString();
        DefinitionReader.Result read = DefinitionReader.read(file, label);
        return read.ok() ? load(read.tree(), label, file) : new LoadResult(null, List.of(read.error()));
    }

    /** Loads a definition held in memory, e.g. a file Camel's route loader read. */
    public LoadResult load(byte[] content, String label, Path source) {
        DefinitionReader.Result read = DefinitionReader.parse(content, label);
        return read.ok() ? load(read.tree(), label, source) : new LoadResult(null, List.of(read.error()));
    }

    public LoadResult load(JsonNode tree, String label, Path source) {
        List<DefinitionError> errors = new ArrayList<>(DefinitionSchema.webhookAction().validate(tree, label));
        Problems semantic = new Problems(label);
        WebhookActionDefinition definition = new DefinitionParser(semantic, properties, secretExists).parse(tree, source);
        Set<String> reported = new HashSet<>();
        errors.forEach(error -> reported.add(error.pointer()));
        for (DefinitionError error : semantic.errors()) {
            if (!reported.contains(error.pointer())) {
                errors.add(error);
            }
        }
        return new LoadResult(errors.isEmpty() ? definition : null, errors);
    }

    /**
     * Loads every definition named: files as they are, folders for their {@code *.webhook.json} files
     * (not recursive). Adds an error for a folder holding none and for an action name used twice.
     */
    public Catalog loadAll(Collection<Path> paths) {
        List<WebhookActionDefinition> definitions = new ArrayList<>();
        List<DefinitionError> errors = new ArrayList<>();
        Map<String, Path> names = new HashMap<>();
        int files = 0;
        for (Path path : paths) {
            List<Path> found = new ArrayList<>();
            if (Files.isDirectory(path)) {
                found.addAll(definitionFiles(path, errors));
                if (found.isEmpty() && errors.stream().noneMatch(e -> e.file().equals(path.toString()))) {
                    errors.add(new DefinitionError(path.toString(), "", "folder holds no *" + EXTENSION
                            + " definitions; add one or point at the right folder"));
                }
            } else {
                found.add(path);
            }
            for (Path file : found) {
                files++;
                LoadResult result = load(file);
                errors.addAll(result.errors());
                if (result.ok()) {
                    WebhookActionDefinition definition = result.definition();
                    Path first = names.putIfAbsent(definition.name(), file);
                    if (first != null) {
                        errors.add(new DefinitionError(file.toString(), "/name", "action name \"" + definition.name()
                                + "\" is already used by " + first + "; names must be unique, rename one"));
                    } else {
                        definitions.add(definition);
                    }
                }
            }
        }
        return new Catalog(definitions, errors, files);
    }

    /** The definition files directly in {@code folder}, sorted by name for a stable order. */
    public static List<Path> definitionFiles(Path folder, List<DefinitionError> errors) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(EXTENSION))
                    .filter(p -> !Files.isDirectory(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            errors.add(new DefinitionError(folder.toString(), "", "cannot list folder: " + e.getClass().getSimpleName()
                    + "; check it exists and is readable"));
            return List.of();
        }
    }

    /** Every definition loaded from a set of files, and every error found in them. */
    public record Catalog(List<WebhookActionDefinition> definitions, List<DefinitionError> errors, int files) {
        public Catalog {
            definitions = List.copyOf(definitions);
            errors = List.copyOf(errors);
        }

        public boolean ok() {
            return errors.isEmpty();
        }
    }
}
