package io.webhookactions.template;

import java.util.List;

/**
 * A filter's name, how many arguments it takes and how it compiles them. {@link #compile} throws
 * {@link IllegalArgumentException} with a message saying what a literal argument should be.
 */
record FilterSpec(String name, int minArgs, int maxArgs, String usage, Compiler compiler) {

    @FunctionalInterface
    interface Compiler {
        Filter compile(List<Argument> arguments);
    }

    static FilterSpec of(String name, String usage, Filter filter) {
        return new FilterSpec(name, 0, 0, usage, arguments -> filter);
    }

    Filter compile(List<Argument> arguments) {
        return compiler.compile(arguments);
    }

    String arity() {
        if (minArgs == maxArgs) {
            return minArgs == 0 ? "no arguments" : minArgs + " argument" + (minArgs == 1 ? "" : "s");
        }
        return minArgs + " to " + maxArgs + " arguments";
    }
}
