package io.webhookactions.runtime;

import io.webhookactions.definition.DefinitionError;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The definition files on disk that are broken now, with their errors (SPEC §11): a broken edit keeps the
 * last good version of its action running and is listed here until the file is fixed or deleted. Read by
 * {@code GET /api/problems}, the panel and the health report.
 */
public final class DefinitionProblems {

    private final Map<String, List<DefinitionError>> byFile = new ConcurrentHashMap<>();

    /**
     * {@code file} is broken: these are all its errors.
     *
     * @return false when exactly these errors were already recorded for it (the same edit seen twice)
     */
    public boolean broken(String file, List<DefinitionError> errors) {
        return !List.copyOf(errors).equals(byFile.put(file, List.copyOf(errors)));
    }

    /** {@code file} loaded, or is gone: it has no problem any more. */
    public void cleared(String file) {
        byFile.remove(file);
    }

    /** {@code file} (any spelling of its path) was deleted. */
    public void clearedFile(java.nio.file.Path file) {
        java.nio.file.Path absolute = file.toAbsolutePath().normalize();
        byFile.keySet().removeIf(label -> java.nio.file.Path.of(label).toAbsolutePath().normalize().equals(absolute));
    }

    /** Broken files by name, in file order. */
    public Map<String, List<DefinitionError>> all() {
        return new TreeMap<>(byFile);
    }

    public int count() {
        return byFile.size();
    }
}
