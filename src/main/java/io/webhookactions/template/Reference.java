package io.webhookactions.template;

import io.webhookactions.attribute.Context;
import java.util.List;
import java.util.Objects;

/**
 * An attribute reference: {@code [context.]name accessor*}. Without a context it reads {@code user}.
 */
public record Reference(Context context, String name, List<Accessor> path) {

    public Reference {
        Objects.requireNonNull(context);
        Objects.requireNonNull(name);
        path = List.copyOf(path);
    }

    /** {@code context.name} without the accessors: what a test of the definition must supply. */
    public String attribute() {
        return context.key() + "." + name;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(attribute());
        path.forEach(text::append);
        return text.toString();
    }
}
