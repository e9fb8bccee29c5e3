package io.webhookactions.definition;

import java.util.ArrayList;
import java.util.List;

/** Collects the errors of one file while it is checked; every check adds here instead of stopping. */
final class Problems {

    private final String file;
    private final List<DefinitionError> errors = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void add(String pointer, String reason) {
        errors.add(new DefinitionError(file, pointer, reason));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    List<DefinitionError> errors() {
        return errors;
    }
}
