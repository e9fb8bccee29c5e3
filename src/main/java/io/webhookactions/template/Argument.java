package io.webhookactions.template;

/** A filter argument: literal text, or {@code @ref} reading an attribute when the template renders. */
public sealed interface Argument {

    record Literal(String text) implements Argument {
    }

    record Attribute(Reference reference) implements Argument {
    }
}
