package io.webhookactions.attribute;

import java.util.Optional;

/** The attribute contexts of SPEC §2, by the name a template uses for them. */
public enum Context {
    USER("user", true),
    SESSION("session", true),
    GLOBAL("global", false),
    CONVERSATION("conversation", false),
    /** Values from the secret store; rendered in the clear only by authentication. */
    SECRET("secret", false),
    /** Built-ins and variables of header authentication. */
    AUTH("_auth", false),
    /** The fully rendered request, visible to authentication only. */
    WEBHOOK("_webhook", false);

    private final String key;
    private final boolean writable;

    Context(String key, boolean writable) {
        this.key = key;
        this.writable = writable;
    }

    /** The name a template writes, e.g. {@code session} or {@code _auth}. */
    public String key() {
        return key;
    }

    /** Only {@code user} and {@code session} receive outputs; {@code global} and {@code conversation} are read-only. */
    public boolean writable() {
        return writable;
    }

    /** True for the contexts a caller passes in with an execution (not built-ins). */
    public boolean suppliedByCaller() {
        return this == USER || this == SESSION || this == GLOBAL || this == CONVERSATION;
    }

    public static Optional<Context> ofKey(String key) {
        for (Context context : values()) {
            if (context.key.equals(key)) {
                return Optional.of(context);
            }
        }
        return Optional.empty();
    }
}
