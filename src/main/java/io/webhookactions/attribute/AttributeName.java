package io.webhookactions.attribute;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A context-qualified attribute name such as {@code session.plan}. Written without a context it
 * means {@code user}: {@code user_name} is {@code user.user_name}.
 */
public record AttributeName(Context context, String name) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]*");

    public AttributeName {
        Objects.requireNonNull(context);
        Objects.requireNonNull(name);
    }

    /** True when {@code text} is a valid bare attribute name (letters, digits, {@code _}, {@code -}). */
    public static boolean isValidName(String text) {
        return text != null && NAME.matcher(text).matches();
    }

    /**
     * Parses {@code [context.]name}.
     *
     * @throws IllegalArgumentException with a message saying what to write instead
     */
    public static AttributeName parse(String text) {
        int dot = text.indexOf('.');
        if (dot < 0) {
            requireValidName(text);
            return new AttributeName(Context.USER, text);
        }
        String prefix = text.substring(0, dot);
        Context context = Context.ofKey(prefix).orElseThrow(() -> new IllegalArgumentException(
                "'" + prefix + "' is not a context; write user.NAME, session.NAME or just NAME"));
        String name = text.substring(dot + 1);
        requireValidName(name);
        return new AttributeName(context, name);
    }

    private static void requireValidName(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("'" + name
                    + "' is not a valid attribute name; use letters, digits, '_' or '-', starting with a letter or '_'");
        }
    }

    @Override
    public String toString() {
        return context.key() + "." + name;
    }
}
