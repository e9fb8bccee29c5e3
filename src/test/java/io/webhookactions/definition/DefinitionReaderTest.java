package io.webhookactions.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a file can fail to be JSON becomes one clear error, never an exception. */
class DefinitionReaderTest {

    @TempDir
    Path dir;

    @Test
    void fiftyMegabyteFileIsRefusedWithoutReadingIt() throws IOException {
        Path big = dir.resolve("big.webhook.json");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(50L * 1024 * 1024);
        }

        DefinitionReader.Result result = DefinitionReader.read(big, "big.webhook.json");

        assertThat(result.ok()).isFalse();
        assertThat(result.error().reason()).contains("50.0 MiB").contains("at most 1.0 MiB");
    }

    @Test
    void fileThatCannotBeReadSaysSo() throws IOException {
        Path loop = dir.resolve("loop.webhook.json");
        Files.createSymbolicLink(loop, loop);

        DefinitionReader.Result result = DefinitionReader.read(loop, "loop.webhook.json");

        assertThat(result.ok()).isFalse();
        assertThat(result.error().reason()).startsWith("cannot read file");
    }

    @Test
    void missingFileSaysCheckThePath() {
        DefinitionReader.Result result = DefinitionReader.read(dir.resolve("nope.webhook.json"), "nope.webhook.json");

        assertThat(result.error().reason()).isEqualTo("file does not exist; check the path");
    }

    @Test
    void directoryIsNotADefinition() {
        DefinitionReader.Result result = DefinitionReader.read(dir, "dir");

        assertThat(result.error().reason()).contains("is a directory");
    }

    @Test
    void syntaxErrorGivesLineAndColumn() {
        byte[] text = "{\n  \"name\": \"a\"\n  \"url\": \"x\"\n}".getBytes(StandardCharsets.UTF_8);

        DefinitionReader.Result result = DefinitionReader.parse(text, "f");

        assertThat(result.error().reason()).startsWith("JSON syntax error at line 3, column 3");
    }

    @Test
    void invalidUtf8GivesTheOffsetOfTheBadByte() {
        byte[] text = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        DefinitionReader.Result result = DefinitionReader.parse(text, "f");

        assertThat(result.error().reason()).isEqualTo("is not valid UTF-8 (bad byte at offset 6); save the file as UTF-8");
    }

    @Test
    void byteOrderMarkIsAccepted() {
        byte[] text = "\uFEFF{\"name\": \"a\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(DefinitionReader.parse(text, "f").tree().path("name").asText()).isEqualTo("a");
    }

    @Test
    void contentAfterTheObjectIsRejected() {
        DefinitionReader.Result result = DefinitionReader.parse("{} {}".getBytes(StandardCharsets.UTF_8), "f");

        assertThat(result.ok()).isFalse();
        assertThat(result.error().reason()).contains("JSON syntax error");
    }
}
