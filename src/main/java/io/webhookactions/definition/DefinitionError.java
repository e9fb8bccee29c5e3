package io.webhookactions.definition;

import java.util.Objects;

/**
 * One problem in a definition file: where it is and what to do about it.
 *
 * @param file    the file as the user named it (or a label such as {@code <inline>})
 * @param pointer the JSON pointer of the offending value ({@code ""} for the whole document)
 * @param reason  what is wrong and how to fix it; never contains a secret value
 */
public record DefinitionError(String file, String pointer, String reason) {

    public DefinitionError {
        Objects.requireNonNull(file);
        Objects.requireNonNull(pointer);
        Objects.requireNonNull(reason);
    }

    /** {@code FILE: /json/pointer: reason}, the line {@code validate} prints. */
    @Override
    public String toString() {
        return file + ": " + (pointer.isEmpty() ? "/" : pointer) + ": " + reason;
    }
}
