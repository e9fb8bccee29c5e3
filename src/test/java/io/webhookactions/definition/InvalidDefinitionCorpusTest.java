package io.webhookactions.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file under {@code src/test/resources/invalid} is a definition with one known mistake; its row in
 * {@code expected.tsv} names the JSON pointer the error must carry and text of the fix the message must
 * contain. A user reading the error must be able to find and repair the value without guessing.
 */
class InvalidDefinitionCorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/invalid");

    /** No property is defined, so a {@code {{placeholder}}} is reported as undefined. */
    private final DefinitionLoader loader = new DefinitionLoader(Placeholders.none(), null);

    static Stream<Arguments> corpus() throws IOException {
        return Files.readAllLines(CORPUS.resolve("expected.tsv"), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t", -1))
                .map(columns -> Arguments.of(columns[0], columns[1], columns[2]));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("corpus")
    void invalidDefinitionIsRejectedAtItsPointerWithTheFix(String file, String pointer, String fix) {
        Path path = CORPUS.resolve(file);

        LoadResult result = loader.load(path);

        assertThat(result.ok()).as("%s must not load", file).isFalse();
        assertThat(result.plan()).isNull();
        assertThat(result.errors()).allSatisfy(error -> assertThat(error.file()).isEqualTo(path.toString()));
        assertThat(result.errors())
                .as("errors of %s", file)
                .anySatisfy(error -> {
                    assertThat(error.pointer()).isEqualTo(pointer);
                    assertThat(error.reason()).contains(fix);
                });
    }

    @Test
    void corpusHoldsAtLeastFortyCasesAndEveryFileHasAnExpectation() throws IOException {
        List<String> expected = corpus().map(arguments -> (String) arguments.get()[0]).toList();
        try (Stream<Path> files = Files.list(CORPUS)) {
            List<String> present = files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(DefinitionLoader.EXTENSION)).sorted().toList();
            assertThat(present).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void allErrorsOfAFileAreReportedTogether() {
        LoadResult result = loader.load(Path.of("src/test/resources/definitions/many-errors.webhook.json"));

        assertThat(result.errors()).extracting(DefinitionError::pointer).containsExactlyInAnyOrder(
                "/name", "/method", "/timeout_ms", "/url", "/headers/Bad Header", "/body/a",
                "/response/2xx/outputs/global.x", "/response/2xx/action_success");
    }
}
