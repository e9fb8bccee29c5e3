package io.webhookactions.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.definition.LoadResult;
import io.webhookactions.definition.Placeholders;
import io.webhookactions.support.Json;
import io.webhookactions.template.AttributeScope;
import io.webhookactions.template.Filters;
import io.webhookactions.template.Template;
import io.webhookactions.testing.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The repository documents itself (issue 15): every configuration key the code reads is in
 * {@code docs/configuration.md} and every key documented there (outside the sections of features still being added)
 * is read; every filter has a section in {@code docs/filters.md} whose examples render as shown; every definition
 * shown in the documentation loads (and the one shown as invalid does not); every relative link and heading anchor
 * leads somewhere; nothing user-facing points outside the repository.
 */
class DocumentationTest {

    private static final Path DOCS = Path.of("docs");
    private static final Path CONFIGURATION = DOCS.resolve("configuration.md");
    private static final Path FILTERS = DOCS.resolve("filters.md");

    /** Literals that look like keys but are not settings: the file extension and exchange property names. */
    private static final Set<String> NOT_SETTINGS = Set.of("webhook.json", "webhook.execution", "webhook.request", "webhook.outcome");

    private static final Pattern WEBHOOK_LITERAL = Pattern.compile("\"(webhook\\.[a-z0-9][a-z0-9.\\-]*)\"");
    /** Other keys the code reads by name: {@code settings.text("camel.server.host", ...)}, {@code get("demo.client-id", ...)}. */
    private static final Pattern OTHER_KEY_READ =
            Pattern.compile("\\.(?:text|integer|number|flag|get|value)\\(\\s*\"((?:camel|demo)\\.[a-z0-9][a-z0-9.\\-]*)\"");
    private static final Pattern TABLE_KEY = Pattern.compile("^\\| `([a-z][a-z0-9.\\-]*\\.[A-Za-z0-9.\\-]+)` \\|");
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)\\)");
    private static final Pattern FENCE = Pattern.compile("^\\s*```");
    private static final Pattern DOCS_REFERENCE = Pattern.compile("docs/([a-z-]+\\.md)(#[a-z0-9_-]+)?");
    private static final String INVALID_MARK = "<!-- invalid definition -->";
    private static final String FILTER_TABLE = "| template | user attributes | renders |";

    // --- configuration keys ---------------------------------------------------------------------------------

    @Test
    void everyConfigurationKeyTheCodeReadsIsInTheConfigurationReference() throws IOException {
        String reference = Files.readString(CONFIGURATION);
        Set<String> read = keysTheCodeReads();

        assertThat(read).as("found keys at all").contains("webhook.max-response-bytes", "webhook.secret", "camel.server.host",
                "demo.client-id");
        assertThat(read).allSatisfy(key -> assertThat(reference).as("docs/configuration.md names %s", key)
                .containsAnyOf("`" + key + "`", "`" + key + "."));
    }

    @Test
    void everyKeyTheConfigurationReferenceDocumentsIsReadByTheCode() throws IOException {
        String sources = mainSources();
        List<String> documented = documentedKeys();

        assertThat(documented).as("keys in tables").contains("webhook.routes", "camel.server.port", "webhook.secret.NAME");
        assertThat(documented).allSatisfy(key -> {
            String prefix = key.endsWith(".NAME") ? key.substring(0, key.length() - "NAME".length()) : null;
            assertThat(sources.contains("\"" + key + "\"") || sources.contains("${" + key)
                    || (prefix != null && sources.contains("\"" + prefix + "\"")))
                    .as("%s is documented in docs/configuration.md but nothing in src/main reads it", key).isTrue();
        });
    }

    /** Keys in the first column of the reference's tables, except the sections of features being added elsewhere. */
    private static List<String> documentedKeys() throws IOException {
        List<String> keys = new ArrayList<>();
        boolean beingAdded = false;
        for (String line : Files.readAllLines(CONFIGURATION)) {
            if (line.startsWith("## ")) {
                beingAdded = line.contains("(being added)");
            }
            Matcher key = TABLE_KEY.matcher(line);
            if (!beingAdded && key.find()) {
                keys.add(key.group(1));
            }
        }
        return keys;
    }

    private static Set<String> keysTheCodeReads() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (Path file : files(Path.of("src/main/java"), ".java")) {
            String source = Files.readString(file);
            Matcher literal = WEBHOOK_LITERAL.matcher(source);
            while (literal.find()) {
                String key = literal.group(1).endsWith(".") ? literal.group(1).substring(0, literal.group(1).length() - 1)
                        : literal.group(1);
                if (!NOT_SETTINGS.contains(key)) {
                    keys.add(key);
                }
            }
            Matcher other = OTHER_KEY_READ.matcher(source);
            while (other.find()) {
                keys.add(other.group(1));
            }
        }
        return keys;
    }

    private static String mainSources() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path file : files(Path.of("src/main"), "")) {
            if (file.toString().endsWith(".java") || file.toString().endsWith(".xml") || file.toString().endsWith(".json")) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }

    // --- filters ----------------------------------------------------------------------------------------------

    @Test
    void everyFilterHasASectionAndAnExampleInTheFilterReference() throws IOException {
        Set<String> headings = new LinkedHashSet<>();
        for (String line : Files.readAllLines(FILTERS)) {
            if (line.startsWith("### ")) {
                headings.add(line.substring(4).replace("`", "").strip().split("\\s+")[0]);
            }
        }
        List<String> templates = filterExamples().map(arguments -> (String) arguments.get()[1]).toList();

        assertThat(headings).as("a ### section per filter, nothing else").containsExactlyInAnyOrderElementsOf(Filters.names());
        for (String filter : Filters.names()) {
            assertThat(templates).as("an example of %s", filter)
                    .anySatisfy(template -> assertThat(template).containsPattern("\\|\\s*" + filter + "\\b"));
        }
    }

    @ParameterizedTest(name = "{0}: {1} with {2}")
    @MethodSource("filterExamples")
    void everyFilterExampleRendersAsDocumented(String where, String template, String user, String expected) throws IOException {
        JsonNode contexts = Json.mapper().readTree("{\"user\": " + user + "}");
        AttributeScope scope = AttributeScope.of(Contexts.fromJson(contexts), AttributeTypes.none(), SecretSource.none());

        assertThat(Template.parse(template).render(scope)).as(where).isEqualTo(expected);
    }

    /** Rows of the example tables of docs/filters.md: where, template, user attributes, rendering. */
    static Stream<Arguments> filterExamples() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(FILTERS);
        boolean inTable = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.equals(FILTER_TABLE)) {
                inTable = true;
                i++;
                continue;
            }
            if (inTable && line.startsWith("|")) {
                List<String> cells = cells(line);
                assertThat(cells).as("docs/filters.md:%d has three cells", i + 1).hasSize(3);
                rows.add(Arguments.of("docs/filters.md:" + (i + 1), code(cells.get(0)), code(cells.get(1)),
                        cells.get(2).equals("(nothing)") ? "" : code(cells.get(2))));
            } else {
                inTable = false;
            }
        }
        return rows.stream();
    }

    /** The cells of a table row, split at pipes that are not escaped. */
    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '\\' && i + 1 < row.length() && row.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return cells;
    }

    private static String code(String cell) {
        assertThat(cell).as("a code span").startsWith("`").endsWith("`");
        return cell.substring(1, cell.length() - 1);
    }

    // --- definitions shown in the documentation ---------------------------------------------------------------

    /** The {{key}} values the documentation's examples use. */
    private static Map<String, String> exampleProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("crm.base-url", "https://crm.example.com");
        properties.put("crm.client-id", "webhook-actions");
        properties.put("demo.base-url", "http://localhost:8080/demo");
        properties.put("bank.base-url", "https://bank.example.com");
        properties.put("bank.ca-bundle", TestPki.base64Pem(TestPki.ca("CN=Docs CA").certificate()));
        return properties;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitionsInTheDocs")
    void everyDefinitionInTheDocumentationLoads(String where, String json, boolean markedInvalid) {
        Map<String, String> properties = exampleProperties();
        LoadResult loaded = new DefinitionLoader(Placeholders.of(properties::get), null)
                .load(json.getBytes(StandardCharsets.UTF_8), where, null);

        if (markedInvalid) {
            assertThat(loaded.errors()).as("%s is shown as invalid", where).isNotEmpty();
        } else {
            assertThat(loaded.errors()).as(where).isEmpty();
        }
    }

    /**
     * Every {@code ```json} block of README.md and docs/ that is a JSON object with a name and a url. A block
     * that starts with '{' must parse; others ({@code "url": ...}) are fragments.
     */
    static Stream<Arguments> definitionsInTheDocs() throws IOException {
        List<Arguments> definitions = new ArrayList<>();
        for (Path file : markdownFiles()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).strip().equals("```json")) {
                    continue;
                }
                int start = i;
                StringBuilder block = new StringBuilder();
                for (i++; i < lines.size() && !FENCE.matcher(lines.get(i)).find(); i++) {
                    block.append(lines.get(i)).append('\n');
                }
                String text = block.toString().strip();
                if (!text.startsWith("{")) {
                    continue;
                }
                JsonNode tree;
                try {
                    tree = Json.strict().readTree(text);
                } catch (JsonProcessingException e) {
                    throw new AssertionError(file + ":" + (start + 1) + ": the JSON block does not parse: " + e.getOriginalMessage());
                }
                if (tree.has("name") && tree.has("url")) {
                    boolean invalid = start > 0 && lines.get(start - 1).strip().equals(INVALID_MARK);
                    definitions.add(Arguments.of(file + ":" + (start + 1), text, invalid));
                }
            }
        }
        assertThat(definitions).as("definitions shown in the documentation").hasSizeGreaterThanOrEqualTo(10);
        return definitions.stream();
    }

    // --- links --------------------------------------------------------------------------------------------------

    @Test
    void everyRelativeLinkLeadsToAFileAndHeadingThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path file : markdownFiles()) {
            String text = withoutCode(Files.readString(file));
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue;
                }
                String problem = problem(file, target);
                if (problem != null) {
                    broken.add(file + ": " + target + ": " + problem);
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void theSchemaAndTheConfigurationLinkToDocumentationThatExists() throws IOException {
        List<String> broken = new ArrayList<>();
        int references = 0;
        for (Path file : List.of(Path.of("config/schema/webhook-action.schema.json"), Path.of("config/schema/attributes.schema.json"),
                Path.of("config/application.properties"))) {
            Matcher reference = DOCS_REFERENCE.matcher(Files.readString(file));
            while (reference.find()) {
                references++;
                String target = reference.group(1) + (reference.group(2) == null ? "" : reference.group(2));
                String problem = problem(DOCS.resolve("README.md"), target);
                if (problem != null) {
                    broken.add(file + ": docs/" + target + ": " + problem);
                }
            }
        }
        assertThat(references).as("the schema's descriptions link to the docs").isGreaterThan(20);
        assertThat(broken).isEmpty();
    }

    @Test
    void nothingUserFacingPointsOutsideTheRepository() throws IOException {
        List<Path> userFacing = new ArrayList<>(markdownFiles());
        userFacing.addAll(files(Path.of("config"), ""));
        userFacing.addAll(files(Path.of("src/main/docs"), ""));
        userFacing.addAll(files(Path.of("src/main/resources"), ""));
        userFacing.addAll(files(Path.of("examples"), ""));
        List<String> found = new ArrayList<>();
        for (Path file : userFacing) {
            if (Files.size(file) > 1_000_000 || file.toString().endsWith(".png")) {
                continue;
            }
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            for (String outside : List.of("../shared", "SPEC.md", "SPEC §", "SPEC section", "DESIGN.md")) {
                if (text.contains(outside)) {
                    found.add(file + " mentions " + outside);
                }
            }
            // A bare "§13" points into the contract, which users do not have: link the page instead.
            if (text.contains("\u00c2\u00a7")) {
                found.add(file + " cites a § section");
            }
        }
        assertThat(found).isEmpty();
    }

    /** Why a link from {@code from} to {@code target} leads nowhere, or null. */
    private static String problem(Path from, String target) throws IOException {
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? from : from.getParent() == null ? Path.of(path) : from.getParent().resolve(path);
        resolved = resolved.normalize();
        if (resolved.startsWith("..")) {
            return "points outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
            return "no heading with anchor #" + anchor + " in " + resolved;
        }
        return null;
    }

    /** The anchors GitHub gives the headings of a Markdown file. */
    private static Set<String> anchors(Path markdown) throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : withoutFences(Files.readString(markdown)).split("\n")) {
            if (!line.matches("^#{1,6} .*")) {
                continue;
            }
            String slug = line.replaceFirst("^#+ ", "").strip().toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int count = seen.merge(slug, 1, Integer::sum);
            anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
        }
        return anchors;
    }

    /** The text with fenced code blocks blanked, so headings (# comments) inside examples are not read. */
    private static String withoutFences(String markdown) {
        StringBuilder out = new StringBuilder();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
                out.append('\n');
                continue;
            }
            out.append(fenced ? "" : line).append('\n');
        }
        return out.toString();
    }

    /** The text without fenced blocks and inline code, so links inside examples are not read. */
    private static String withoutCode(String markdown) {
        return withoutFences(markdown).replaceAll("`[^`\n]*`", "``");
    }

    private static List<Path> markdownFiles() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        files.addAll(files(DOCS, ".md"));
        return files;
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> !file.toString().contains("/target/"))
                    .filter(file -> file.toString().endsWith(suffix)).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
