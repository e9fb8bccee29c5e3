package io.webhookactions.template;

/** One step into a value: {@code .key}, {@code [key]}, {@code ['key']} or {@code [0]}. */
public sealed interface Accessor {

    record Key(String name) implements Accessor {
        @Override
        public String toString() {
            return "['" + name + "']";
        }
    }

    /** An array index; negative counts from the end. */
    record Index(int index) implements Accessor {
        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }
}
