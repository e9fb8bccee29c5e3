package io.webhookactions.template;

import java.util.List;

/** A filter as written ({@code name} and arguments) with its compiled form. */
public record FilterCall(String name, List<Argument> arguments, Filter filter) {

    public FilterCall {
        arguments = List.copyOf(arguments);
    }
}
