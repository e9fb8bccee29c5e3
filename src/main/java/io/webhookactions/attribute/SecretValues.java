package io.webhookactions.attribute;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every secret value one execution used (SPEC §11): each {@code {secret.*}} value read in the clear, each
 * protected property value, each rendered authentication header value, an OAuth2 access token. What the
 * execution shows or keeps is passed through {@link #scrub}, which replaces each of them, and its base64
 * form, by the mask. Values shorter than {@value #MIN_LENGTH} characters are not scrubbed: replacing every
 * "a" or "42" would destroy the data around it, and such a value protects nothing.
 */
public final class SecretValues {

    public static final int MIN_LENGTH = 4;

    private final Set<String> values = ConcurrentHashMap.newKeySet();
    private volatile List<String> ordered;

    /** Remembers {@code value} (and its base64 forms) as secret. */
    public void add(String value) {
        if (value != null && value.length() >= MIN_LENGTH && values.add(value)) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            values.add(Base64.getEncoder().encodeToString(bytes));
            values.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            ordered = null;
        }
    }

    public void addAll(Collection<String> more) {
        more.forEach(this::add);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** {@code text} with every known secret value replaced by {@value SecretSource#MASK}; null stays null. */
    public String scrub(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String result = text;
        for (String value : longestFirst()) {
            if (result.contains(value)) {
                result = result.replace(value, SecretSource.MASK);
            }
        }
        return result;
    }

    /** Longer values first, so a value that contains another is replaced whole. */
    private List<String> longestFirst() {
        List<String> current = ordered;
        if (current == null) {
            current = new ArrayList<>(values);
            current.sort(Comparator.comparingInt(String::length).reversed());
            ordered = current;
        }
        return current;
    }
}
