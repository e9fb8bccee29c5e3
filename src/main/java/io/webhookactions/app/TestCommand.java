package io.webhookactions.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.definition.DefinitionError;
import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.definition.LoadResult;
import io.webhookactions.history.HistoryRecord;
import io.webhookactions.history.HistorySettings;
import io.webhookactions.history.RecordNow;
import io.webhookactions.response.ActionResult;
import io.webhookactions.route.ActionRouteBuilder;
import io.webhookactions.runtime.ExecutionInput;
import io.webhookactions.runtime.Settings;
import io.webhookactions.runtime.WebhookActions;
import io.webhookactions.support.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code test FILE --set user.user_id=42 ...}: runs one definition once, as the test endpoint would, and
 * prints the result (a short human view, or the test-endpoint JSON with {@code --json}). The run is recorded in
 * the execution history (source {@code cli}) when its database can be opened; an H2 file held by a running
 * {@code serve} cannot, which the command notes on stderr.
 */
@Command(name = "test", mixinStandardHelpOptions = true, description = "Run one definition once and print the result.")
final class TestCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The definition (*.webhook.json).")
    Path file;

    @Option(names = "--set", paramLabel = "CONTEXT.NAME=VALUE",
            description = "An attribute: user.user_id=42, session.plan=pro, global.api_version=v2 (no context: user). "
                    + "A value that is valid JSON (a number, true, [..], {..}) is sent as that JSON value.")
    List<String> values = new ArrayList<>();

    @Option(names = "--json", description = "Print the result as the test endpoint returns it.")
    boolean json;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file (default: ${DEFAULT-VALUE}).")
    Path config = ServiceConfig.DEFAULT_FILE;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ObjectNode contexts = Json.mapper().createObjectNode();
        for (String value : values) {
            int equals = value.indexOf('=');
            if (equals <= 0) {
                err.println("error: --set " + value + ": write CONTEXT.NAME=VALUE, e.g. --set user.user_id=42");
                err.flush();
                return 2;
            }
            String name = value.substring(0, equals);
            int dot = name.indexOf('.');
            String context = dot < 0 ? "user" : name.substring(0, dot);
            if (!List.of("user", "session", "global", "conversation").contains(context)) {
                err.println("error: --set " + value + ": the context must be user, session, global or conversation");
                err.flush();
                return 2;
            }
            contexts.with(context).set(dot < 0 ? name : name.substring(dot + 1), parse(value.substring(equals + 1)));
        }
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().setLocation("file:" + config + ";optional=true");
            WebhookActions actions = WebhookActions.install(camel, Settings.read(WebhookActions.settingsOf(camel), null),
                    ServiceConfig.HINTS);
            LoadResult loaded = new DefinitionLoader(actions.placeholders(), actions.secretNames()).load(file);
            if (!loaded.ok()) {
                loaded.errors().stream().map(DefinitionError::toString).forEach(err::println);
                err.flush();
                return 1;
            }
            camel.addRoutes(new ActionRouteBuilder(loaded.plan()));
            camel.start();
            HistorySettings history = HistorySettings.read(WebhookActions.settingsOf(camel), true, actions.settings().secrets());
            AtomicReference<Instant> startedAt = new AtomicReference<>(Instant.now());
            actions.addListener((input, started, done) -> startedAt.set(started));
            ExecutionInput input = ExecutionInput.of(Contexts.fromJson(contexts), "cli");
            ActionResult result = actions.execute(loaded.plan().name(), input);
            if (history.enabled()) {
                // Written at once (the command exits next); a database it cannot open is a note, never a failure.
                RecordNow.write(history, HistoryRecord.of(input, startedAt.get(), result, history.maxBodyBytes()))
                        .ifPresent(note -> err.println("note: " + note));
                err.flush();
            }
            if (json) {
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result.toJson()));
            } else {
                print(result, out);
            }
            out.flush();
            return result.success() ? 0 : 3;
        }
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode value = Json.strict().readTree(text);
            return value == null || value.isMissingNode() ? Json.NODES.textNode(text) : value;
        } catch (Exception e) {
            return Json.NODES.textNode(text);
        }
    }

    private static void print(ActionResult result, PrintWriter out) {
        out.printf("%s %s  %s  %d ms%n", result.success() ? "✓" : "✗", result.action(),
                result.statusCode() == null ? "no response" : String.valueOf(result.statusCode()), result.durationMs());
        if (result.error() != null) {
            out.println("  error: " + result.error());
        }
        out.println("attributes:");
        result.attributesJson().fields().forEachRemaining(context -> context.getValue().fields().forEachRemaining(attribute ->
                out.println("  " + context.getKey() + "." + attribute.getKey() + " = " + shown(attribute.getValue()))));
        if (result.request() != null) {
            out.println("request:");
            out.println("  " + result.request().method() + " " + result.request().url());
            result.request().headers().forEach((name, value) -> out.println("  " + name + ": " + value));
            if (result.request().body() != null) {
                out.println("  " + result.request().body());
            }
        }
        if (result.response() != null) {
            out.println("response:");
            out.println("  " + result.response().status());
            for (Map.Entry<String, String> header : result.response().headers().entrySet()) {
                out.println("  " + header.getKey() + ": " + header.getValue());
            }
            if (result.response().bodyText() != null) {
                out.println("  " + result.response().bodyText());
            }
        }
    }

    private static String shown(JsonNode value) {
        return value.isTextual() ? value.textValue() : value.toString();
    }
}
