package io.webhookactions.history;

/**
 * Cuts what a history record keeps to {@code webhook.history.max-body-bytes} UTF-8 bytes: a body, a URL, an
 * attribute value (a {@code raw_response} attribute holds a whole body). A cut value is the longest prefix that
 * fits, never half a character; the record then says {@code "truncated": true}.
 */
final class Cut {

    private Cut() {
    }

    /** The longest prefix of {@code text} of at most {@code maxBytes} UTF-8 bytes. */
    static String prefix(String text, int maxBytes) {
        if (text.length() <= maxBytes / 3) {
            return text; // even three bytes a char fit: the common case costs no scan
        }
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int size;
            if (c < 0x80) {
                size = 1;
            } else if (c < 0x800) {
                size = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                size = 4;
            } else {
                size = 3;
            }
            if (bytes + size > maxBytes) {
                return text.substring(0, i);
            }
            bytes += size;
            if (size == 4) {
                i++;
            }
        }
        return text;
    }

    /** How many of the UTF-8 {@code bytes} to keep: at most {@code maxBytes}, ending before a split character. */
    static int utf8Length(byte[] bytes, int maxBytes) {
        if (bytes.length <= maxBytes) {
            return bytes.length;
        }
        int end = maxBytes;
        // Step back over continuation bytes (10xxxxxx) to the start of the character the cut would split.
        int back = 0;
        while (end - back > 0 && back < 3 && (bytes[end - back] & 0xC0) == 0x80) {
            back++;
        }
        return end - back;
    }
}
