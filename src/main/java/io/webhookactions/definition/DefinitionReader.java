package io.webhookactions.definition;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.support.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a JSON document strictly: UTF-8 only, no comments, no duplicate keys, nothing after the
 * value, bounded size. Every way a file can be unreadable becomes a {@link DefinitionError} that says
 * what to fix; nothing here throws for bad input.
 */
public final class DefinitionReader {

    /** Definitions are small; anything larger is a mistake (a log or a dump saved under the wrong name). */
    public static final long MAX_FILE_BYTES = 1024 * 1024;

    private DefinitionReader() {
    }

    /** The outcome of reading one document: a tree, or the one error that prevented it. */
    public record Result(JsonNode tree, DefinitionError error) {
        public boolean ok() {
            return error == null;
        }
    }

    public static Result read(Path file, String label) {
        Bytes bytes = bytes(file, label);
        return bytes.ok() ? parse(bytes.content(), label) : new Result(null, bytes.error());
    }

    /** The bytes of one file, or the one error that prevented reading them. */
    public record Bytes(byte[] content, DefinitionError error) {
        public boolean ok() {
            return error == null;
        }
    }

    /** Reads the bytes of {@code file} without parsing them; too large or unreadable is an error. */
    public static Bytes bytes(Path file, String label) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                return unreadable(label, "is a directory, not a definition file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                return unreadable(label, "file is " + humanSize(size) + "; a definition must be at most "
                        + humanSize(MAX_FILE_BYTES) + " (is this the right file?)");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return unreadable(label, "file does not exist; check the path");
        } catch (AccessDeniedException e) {
            return unreadable(label, "file is not readable (permission denied); make it readable by this user");
        } catch (IOException e) {
            return unreadable(label, "cannot read file: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        return new Bytes(bytes, null);
    }

    private static Bytes unreadable(String label, String reason) {
        return new Bytes(null, failure(label, reason).error());
    }

    /** Parses bytes already in memory (an API request body, a test fixture). */
    public static Result parse(byte[] bytes, String label) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            return failure(label, "is not valid UTF-8 (bad byte at offset " + in.position() + "); save the file as UTF-8");
        }
        decoder.flush(out);
        String text = out.flip().toString();
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            return failure(label, "file is empty; a definition is a JSON object such as "
                    + "{\"name\": \"get_user\", \"method\": \"GET\", \"url\": \"https://...\"}");
        }
        try {
            return new Result(Json.strict().readTree(text), null);
        } catch (JsonProcessingException e) {
            return failure(label, syntaxMessage(e));
        }
    }

    private static String syntaxMessage(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        String detail = e.getOriginalMessage();
        int newline = detail.indexOf('\n');
        if (newline > 0) {
            detail = detail.substring(0, newline);
        }
        return "JSON syntax error" + where + ": " + detail + " (files are strict JSON: no comments, no trailing commas,"
                + " no duplicate keys)";
    }

    private static String humanSize(long bytes) {
        if (bytes >= 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        return bytes >= 1024 ? (bytes / 1024) + " KiB" : bytes + " bytes";
    }

    private static Result failure(String label, String reason) {
        return new Result(null, new DefinitionError(label, "", reason));
    }
}
