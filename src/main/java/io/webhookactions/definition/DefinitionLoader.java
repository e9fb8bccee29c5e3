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
import java.util.stream.Stream;

/**
 * Loads webhook action definitions: strict JSON, then the JSON Schema shared with editors, then the
 * semantic checks, which also compile the file into its {@link ActionPlan}. All errors of a file are
 * reported together, each with the file and JSON pointer. Loading never throws for bad input.
 */
public final class DefinitionLoader {

    /** Definition files end with this; other files in a routes folder are ignored. */
    public static final String EXTENSION = ".webhook.json";

    private final Placeholders placeholders;
    private final SecretNames secretNames;

    /** A loader for which no property is defined (every {@code {{placeholder}}} is an error), secrets unchecked. */
    public DefinitionLoader() {
        this(Placeholders.none(), null);
    }

    /**
     * @param placeholders resolves {@code {{key}}} placeholders; an undefined one is a load error
     * @param secretNames  the secrets a {@code {secret.x}} may name; null: names are not checked
     */
    public DefinitionLoader(Placeholders placeholders, SecretNames secretNames) {
        this.placeholders = placeholders;
        this.secretNames = secretNames;
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
        ActionPlan plan = new DefinitionCompiler(semantic, placeholders, secretNames).compile(tree, source);
        Set<String> reported = new HashSet<>();
        errors.forEach(error -> reported.add(error.pointer()));
        for (DefinitionError error : semantic.errors()) {
            if (!reported.contains(error.pointer())) {
                errors.add(error);
            }
        }
        return errors.isEmpty() ? new LoadResult(plan, errors) : new LoadResult(null, errors);
    }

    /**
     * Loads every definition named: files as they are, folders for their {@code *.webhook.json} files
     * (not recursive). Adds an error for a folder holding none and for an action name used twice.
     */
    public Catalog loadAll(Collection<Path> paths) {
        List<ActionPlan> plans = new ArrayList<>();
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
                    Path first = names.putIfAbsent(result.plan().name(), file);
                    if (first != null) {
                        errors.add(duplicateName(file.toString(), result.plan().name(), first));
                    } else {
                        plans.add(result.plan());
                    }
                }
            }
        }
        return new Catalog(plans, errors, files);
    }

    /** The error for an action name that a second file takes (it would silently replace the first). */
    public static DefinitionError duplicateName(String file, String name, Path firstFile) {
        return new DefinitionError(file, "/name", "action name \"" + name + "\" is already used by " + firstFile
                + "; names must be unique, rename one");
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

    /** Every plan loaded from a set of files, and every error found in them. */
    public record Catalog(List<ActionPlan> plans, List<DefinitionError> errors, int files) {
        public Catalog {
            plans = List.copyOf(plans);
            errors = List.copyOf(errors);
        }

        public boolean ok() {
            return errors.isEmpty();
        }
    }
}
