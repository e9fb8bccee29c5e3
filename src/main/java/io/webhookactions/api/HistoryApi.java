package io.webhookactions.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.webhookactions.history.CsvExport;
import io.webhookactions.history.Cursor;
import io.webhookactions.history.ExecutionHistory;
import io.webhookactions.history.HistoryQuery;
import io.webhookactions.history.HistoryStore;
import io.webhookactions.perimeter.Caller;
import io.webhookactions.support.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution history endpoints (SPEC §13), role {@code viewer} (the {@link Guard} checks it): the list with
 * filters and cursor paging, one whole record, and the CSV export. Queries run on the history's own read threads,
 * never on the server's event loop and never behind executions. A key limited to action patterns sees only the
 * executions of those actions.
 */
final class HistoryApi {

    /** The most rows one export holds; retention keeps far fewer by default (100 000). */
    static final int MAX_EXPORT_ROWS = 1_000_000;
    private static final int EXPORT_PAGE = HistoryQuery.MAX_LIMIT;
    private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");
    private static final Logger LOG = LoggerFactory.getLogger(HistoryApi.class);

    private final ExecutionHistory history;

    /** @param history null when the history is turned off */
    HistoryApi(ExecutionHistory history) {
        this.history = history;
    }

    /** {@code GET /api/executions}: {@code {"items": [...], "next": CURSOR-or-null}}, newest first. */
    void list(RoutingContext ctx) {
        HistoryQuery query = query(ctx, HistoryQuery.MAX_LIMIT, false);
        if (query == null) {
            return;
        }
        history.read(store -> store.list(query)).whenComplete(answering(ctx, (page, error) -> {
            if (error != null) {
                failed(ctx, error);
                return;
            }
            ObjectNode json = Json.mapper().createObjectNode();
            ArrayNode items = json.putArray("items");
            page.items().forEach(record -> items.add(record.summaryJson()));
            if (page.next() == null) {
                json.putNull("next");
            } else {
                json.put("next", page.next().encode());
            }
            Replies.json(ctx, 200, json);
        }));
    }

    /** {@code GET /api/executions/{id}}: the whole record; 404 when unknown or not the caller's to see. */
    void one(RoutingContext ctx) {
        if (off(ctx)) {
            return;
        }
        String id = ctx.pathParam("id");
        Caller caller = Guard.caller(ctx);
        if (!ID.matcher(id).matches()) {
            Replies.error(ctx, 404, "no execution with the id " + id);
            return;
        }
        history.read(store -> store.find(id)).whenComplete(answering(ctx, (found, error) -> {
            if (error != null) {
                failed(ctx, error);
            } else if (found.isEmpty() || !caller.mayUse(found.get().action())) {
                Replies.error(ctx, 404, "no execution with the id " + id + " (unknown, or removed by retention)");
            } else {
                Replies.json(ctx, 200, found.get().toJsonText());
            }
        }));
    }

    /**
     * {@code GET /api/executions.csv}: the summaries with the list's filters, every match unless {@code limit}
     * says fewer, written page by page as the client reads them.
     */
    void csv(RoutingContext ctx) {
        HistoryQuery query = query(ctx, MAX_EXPORT_ROWS, true);
        if (query == null) {
            return;
        }
        history.read(store -> export(ctx, store, query)).whenComplete(answering(ctx, (rows, error) -> {
            if (error == null) {
                return;
            }
            if (ctx.response().headWritten()) {
                // The status is gone: break the connection so a cut file is never taken for the whole one.
                LOG.warn("execution history: CSV export broke off ({})", cause(error).toString());
                ctx.response().reset();
            } else {
                failed(ctx, error);
            }
        }));
    }

    /**
     * {@code answer} such that whatever it throws is answered 500 and logged: thrown inside {@code whenComplete}, it only
     * completed a future nobody reads, and the client waited for ever with nothing in the log.
     */
    private static <T> BiConsumer<T, Throwable> answering(RoutingContext ctx, BiConsumer<T, Throwable> answer) {
        return (value, error) -> {
            try {
                answer.accept(value, error);
            } catch (RuntimeException | StackOverflowError e) {
                LOG.error("execution history: answering {} failed unexpectedly", ctx.request().path(), e);
                if (ctx.response().headWritten()) {
                    ctx.response().reset();
                } else {
                    Replies.error(ctx, 500, "internal error (" + e.getClass().getSimpleName() + "); see the service log");
                }
            }
        };
    }

    private long export(RoutingContext ctx, HistoryStore store, HistoryQuery query) throws Exception {
        HttpServerResponse response = ctx.response();
        long left = query.limit();
        Cursor cursor = query.before();
        long rows = 0;
        boolean first = true;
        do {
            HistoryStore.Page page = store.list(query.page(cursor, (int) Math.min(EXPORT_PAGE, left)));
            StringBuilder chunk = new StringBuilder();
            if (first) {
                response.setChunked(true).putHeader("Content-Type", "text/csv; charset=utf-8")
                        .putHeader("Content-Disposition", "attachment; filename=\"executions.csv\"");
                chunk.append(CsvExport.HEADER);
                first = false;
            }
            chunk.append(CsvExport.rows(page.items()));
            // Waits until the chunk is handed to the connection: a slow client slows the export, not the heap.
            response.write(Buffer.buffer(chunk.toString().getBytes(StandardCharsets.UTF_8)))
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            rows += page.items().size();
            left -= page.items().size();
            cursor = page.next();
        } while (cursor != null && left > 0 && !response.closed());
        response.end();
        return rows;
    }

    /** The query of this request, limited to the caller's actions; null after answering 400, 403 or 404. */
    private HistoryQuery query(RoutingContext ctx, int maxLimit, boolean export) {
        if (off(ctx)) {
            return null;
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        ctx.queryParams().names().forEach(name -> parameters.put(name, ctx.queryParams().getAll(name)));
        HistoryQuery query;
        try {
            query = HistoryQuery.parse(parameters, maxLimit, export);
        } catch (HistoryQuery.BadParameter e) {
            ObjectNode json = Replies.error(e.getMessage());
            json.put("parameter", e.parameter());
            Replies.json(ctx, 400, json);
            return null;
        }
        Caller caller = Guard.caller(ctx);
        if (query.action() != null && !caller.mayUse(query.action())) {
            Replies.error(ctx, 403, "the key " + caller.name() + " may not see the action \"" + query.action() + "\"");
            return null;
        }
        return query.within(caller.actions());
    }

    private boolean off(RoutingContext ctx) {
        if (history == null) {
            Replies.error(ctx, 404, "the execution history is turned off (webhook.history.enabled=false)");
            return true;
        }
        return false;
    }

    private static void failed(RoutingContext ctx, Throwable error) {
        Throwable cause = cause(error);
        ctx.response().putHeader("Retry-After", "5");
        if (cause instanceof ExecutionHistory.Busy) {
            Replies.error(ctx, 503, cause.getMessage());
            return;
        }
        LOG.warn("execution history: a read failed: {}", cause.toString());
        Replies.error(ctx, 503, "the execution history database is not available now; see the service log");
    }

    private static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
