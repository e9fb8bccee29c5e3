package io.webhookactions.definition;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.webhookactions.testing.CapturedLogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exception the checks do not foresee stays an error of the file being checked: the other files still load, and
 * the message names where it came from without repeating its text, which may hold a resolved value.
 */
class UnexpectedFailuresTest {

    @TempDir
    Path dir;

    @Test
    void aSecretSourceThatFailsWhileAFileIsCheckedIsAnErrorOfThatFileOnly() throws IOException {
        Path signed = Files.writeString(dir.resolve("signed.webhook.json"), """
                {"name": "signed", "url": "https://api.example.com/x",
                 "authentication": {"type": "header", "headers": {"Authorization": "Bearer {secret.api_token}"}}}""");
        Path plain = Files.writeString(dir.resolve("plain.webhook.json"), """
                {"name": "plain", "url": "https://api.example.com/y"}""");
        // A host's secret source whose vault cannot be reached throws; its message is no business of the user's.
        SecretNames failing = new SecretNames(name -> {
            throw new IllegalStateException("vault unreachable with token hvs.CAES-leaked-value");
        }, name -> "add it to the vault");

        DefinitionLoader.Catalog catalog;
        String logged;
        try (CapturedLogs logs = new CapturedLogs(Level.TRACE)) {
            catalog = new DefinitionLoader(Placeholders.none(), failing).loadAll(List.of(signed, plain));
            logged = logs.text();
        }

        assertThat(logged).as("the stack for a report, at WARN").contains(signed + ": unexpected java.lang.IllegalStateException")
                .contains("\tat " + UnexpectedFailuresTest.class.getName()).doesNotContain("hvs.CAES-leaked-value");

        assertThat(catalog.plans()).extracting(ActionPlan::name).containsExactly("plain");
        assertThat(catalog.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo(signed.toString());
            assertThat(error.pointer()).isEmpty();
            // The first frame of this product's code (here the test's source standing in for a host's), not the JDK's.
            assertThat(error.reason()).startsWith("could not be checked: java.lang.IllegalStateException in "
                    + UnexpectedFailuresTest.class.getName() + ".lambda$")
                    .endsWith("the other files are not affected. Report it with this file")
                    .doesNotContain("hvs.CAES-leaked-value");
        });
    }

    @Test
    void aStackOverflowWhileAFileIsCheckedIsAnErrorOfThatFileOnly() {
        // Expressions nested thousands deep are reported where they are (the invalid corpus); this stands for any
        // other check that would run out of stack: here the host's secret source does.
        SecretNames recursing = new SecretNames(UnexpectedFailuresTest::bottomless, name -> "");

        LoadResult result = new DefinitionLoader(Placeholders.none(), recursing).load(("""
                {"name": "deep", "url": "https://api.example.com/x",
                 "authentication": {"type": "header", "headers": {"Authorization": "Bearer {secret.api_token}"}}}""")
                .getBytes(StandardCharsets.UTF_8), "deep.webhook.json", null);

        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo("deep.webhook.json");
            assertThat(error.pointer()).isEmpty();
            assertThat(error.reason()).isEqualTo("is nested too deeply to check; flatten the most deeply nested value or expression");
        });
    }

    private static boolean bottomless(String name) {
        return bottomless(name + "") || name.isEmpty();
    }
}
