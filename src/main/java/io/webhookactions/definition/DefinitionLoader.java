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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DefinitionLoader.class);

    /** Definition files end with this; other files in a routes folder are ignored. */
    public static final String EXTENSION = ".webhook.json";

    private final Placeholders placeholders;
    private final SecretNames secretNames;

    /** A loader for which no property is defined (every {@code {{placeholder}}} is an error), secrets unchecked. */
    public DefinitionLoader() {
        this(Placeholders.none(), null);
    }

    /**
     * A loader is meant for one load (one file, or all files of a start or reload): it resolves each placeholder key
     * once, so a property changed later is seen by a new loader.
     *
     * @param placeholders resolves {@code {{key}}} placeholders; an undefined one is a load error
     * @param secretNames  the secrets a {@code {secret.x}} may name; null: names are not checked
     */
    public DefinitionLoader(Placeholders placeholders, SecretNames secretNames) {
        this.placeholders = placeholders.resolvedOnce();
        this.secretNames = secretNames;
    }

    public LoadResult load(Path file) {
        return loadFile(file).result();
    }

    /** One file and the outcome of loading it. */
    private record FileLoad(Path file, LoadResult result) {
    }

    private FileLoad loadFile(Path file) {
        String label = file.toString();
        DefinitionReader.Bytes bytes = DefinitionReader.bytes(file, label);
        if (!bytes.ok()) {
            return new FileLoad(file, new LoadResult(null, List.of(bytes.error())));
        }
        return new FileLoad(file, load(bytes.content(), label, file));
    }

    /** Loads a definition held in memory, e.g. a file Camel's route loader read. */
    public LoadResult load(byte[] content, String label, Path source) {
        DefinitionReader.Result read = DefinitionReader.parse(content, label);
        return read.ok() ? load(read.tree(), label, source) : new LoadResult(null, List.of(read.error()));
    }

    /**
     * Loads a parsed definition. Whatever goes wrong while it is checked stays an error of this file: an exception
     * nobody foresaw (a defect of ours or of a library, a host's secret source that fails) must not end the load of
     * the other files, nor a reload, which would keep every later edit from being applied.
     */
    public LoadResult load(JsonNode tree, String label, Path source) {
        try {
            return check(tree, label, source);
        } catch (RuntimeException | StackOverflowError e) {
            if (!(e instanceof StackOverflowError)) {
                LOG.warn("{}: unexpected {} while checking it (its message left out: it may hold a resolved value){}", label,
                        e.getClass().getName(), frames(e));
            }
            return new LoadResult(null, List.of(new DefinitionError(label, "", unexpected(e))));
        }
    }

    /** The stack of {@code e}, for a report: where, never what (the message). */
    private static String frames(Throwable e) {
        StringBuilder out = new StringBuilder();
        StackTraceElement[] trace = e.getStackTrace();
        for (int i = 0; i < Math.min(trace.length, 40); i++) {
            out.append(System.lineSeparator()).append("\tat ").append(trace[i]);
        }
        return out.toString();
    }

    /** The frame a report needs: the first of this product's own (the JDK's top frames say only where it was thrown). */
    private static StackTraceElement where(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        for (StackTraceElement frame : trace) {
            if (frame.getClassName().startsWith("io.webhookactions.")) {
                return frame;
            }
        }
        return trace.length == 0 ? null : trace[0];
    }

    /**
     * What is said about an exception the checks did not expect: its type and where it came from, never its message,
     * which may hold a value a placeholder or a secret source resolved.
     */
    static String unexpected(Throwable e) {
        if (e instanceof StackOverflowError) {
            return "is nested too deeply to check; flatten the most deeply nested value or expression";
        }
        StackTraceElement frame = where(e);
        String where = frame == null ? "" : " in " + frame.getClassName() + "." + frame.getMethodName()
                + "(" + frame.getFileName() + ":" + frame.getLineNumber() + ")";
        return "could not be checked: " + e.getClass().getName() + where + ". This is a defect of webhook-actions or of "
                + "a secret or property source it called, not of this file's syntax; the other files are not affected. "
                + "Report it with this file";
    }

    private LoadResult check(JsonNode tree, String label, Path source) {
        List<DefinitionError> errors = new ArrayList<>(DefinitionSchema.webhookAction().validate(OutOfRangeNumbers.clamped(tree), label));
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
     * (not recursive). Adds an error for a folder holding none and for an action name used twice. Files are
     * compiled in parallel (thousands of them load in seconds); plans and errors keep the order of the files.
     */
    public Catalog loadAll(Collection<Path> paths) {
        List<DefinitionError> errors = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                List<Path> found = definitionFiles(path, errors);
                if (found.isEmpty() && errors.stream().noneMatch(e -> e.file().equals(path.toString()))) {
                    errors.add(new DefinitionError(path.toString(), "", "folder holds no *" + EXTENSION
                            + " definitions; add one or point at the right folder"));
                }
                files.addAll(found);
            } else {
                files.add(path);
            }
        }
        List<FileLoad> loads = inParallel(files, this::loadFile);
        List<ActionPlan> plans = new ArrayList<>();
        Map<String, Path> names = new HashMap<>();
        for (FileLoad load : loads) {
            LoadResult result = load.result();
            errors.addAll(result.errors());
            if (result.ok()) {
                Path first = names.putIfAbsent(result.plan().name(), load.file());
                if (first != null) {
                    errors.add(duplicateName(load.file().toString(), result.plan().name(), first));
                } else {
                    plans.add(result.plan());
                }
            }
        }
        return new Catalog(plans, errors, files.size());
    }

    /**
     * {@code work} applied to every item, in parallel when there are enough of them to pay for it; the answers in the
     * order of the items. Loading compiles templates and expressions for every file independently.
     */
    public static <T, R> List<R> inParallel(List<T> items, java.util.function.Function<T, R> work) {
        if (items.size() < 32) {
            return items.stream().map(work).toList();
        }
        return items.parallelStream().map(work).toList();
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
