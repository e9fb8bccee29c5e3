package io.webhookactions.template;

import java.util.ArrayList;
import java.util.List;

/** A dotted field name for {@code where}/{@code select} ({@code address.city}) as accessors. */
final class FieldPath {

    private FieldPath() {
    }

    static List<Accessor> parse(String field) {
        List<Accessor> path = new ArrayList<>();
        for (String part : field.split("\\.", -1)) {
            path.add(new Accessor.Key(part));
        }
        return path;
    }
}
