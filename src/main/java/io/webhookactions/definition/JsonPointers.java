package io.webhookactions.definition;

/** Builds RFC 6901 JSON pointers ({@code ~} and {@code /} in names escaped). */
public final class JsonPointers {

    private JsonPointers() {
    }

    public static String child(String parent, String name) {
        return parent + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    public static String child(String parent, int index) {
        return parent + "/" + index;
    }
}
