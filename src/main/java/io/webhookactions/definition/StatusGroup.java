package io.webhookactions.definition;

import java.util.Optional;

/** A status code class as the response block keys it: {@code 1xx} .. {@code 5xx}. */
public enum StatusGroup {
    INFORMATIONAL("1xx", true),
    SUCCESSFUL("2xx", true),
    REDIRECTION("3xx", true),
    CLIENT_ERROR("4xx", false),
    SERVER_ERROR("5xx", false);

    private final String key;
    private final boolean successByDefault;

    StatusGroup(String key, boolean successByDefault) {
        this.key = key;
        this.successByDefault = successByDefault;
    }

    /** The key used in a definition's {@code response} block, e.g. {@code "2xx"}. */
    public String key() {
        return key;
    }

    /** TRUE for 1xx/2xx/3xx and FALSE for 4xx/5xx, used when a group sets no {@code action_success}. */
    public boolean successByDefault() {
        return successByDefault;
    }

    public static Optional<StatusGroup> ofKey(String key) {
        for (StatusGroup group : values()) {
            if (group.key.equals(key)) {
                return Optional.of(group);
            }
        }
        return Optional.empty();
    }

    /** The group of an HTTP status code; empty for codes outside 100..599. */
    public static Optional<StatusGroup> ofStatus(int status) {
        int index = status / 100 - 1;
        return status >= 100 && status <= 599 ? Optional.of(values()[index]) : Optional.empty();
    }
}
