package io.webhookactions.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history contract on the embedded H2 file, the default store: a real file in a temporary folder. */
class H2HistoryTest extends HistoryContract {

    @TempDir
    Path dir;

    private int databases;

    @Override
    HistorySettings settings() {
        return HistorySettings.defaults("jdbc:h2:file:" + dir.resolve("history-" + ++databases));
    }

    @Test
    void theH2FileAndItsFolderAreCreatedOnFirstUse() throws Exception {
        Path file = dir.resolve("nested/data/history");
        history = ExecutionHistory.open(HistorySettings.defaults("jdbc:h2:file:" + file), Duration.ofHours(1), Clock.systemUTC());

        history.store().insert(List.of(record(T, "get_user", true, "test")));

        assertThat(Files.exists(dir.resolve("nested/data/history.mv.db"))).isTrue();
    }

    @Test
    void everyListQueryReadsAnIndexInOrderInsteadOfSortingTheMatches() throws Exception {
        HistorySettings settings = settings();
        history = ExecutionHistory.open(settings, Duration.ofHours(1), Clock.systemUTC());
        history.store().insert(List.of(record(T, "get_user", true, "test"), record(T.plusSeconds(1), "get_note", false, "cli")));
        Cursor cursor = new Cursor(T.plusSeconds(1), HistoryRecord.timeOrderedId(T.plusSeconds(1)));
        List<HistoryQuery> shapes = List.of(HistoryQuery.newest(50), HistoryQuery.newest(50).page(cursor, 50),
                query("get_user", null, null, null, null).page(cursor, 50), query(null, false, null, null, null).page(cursor, 50),
                query("get_user", false, "cli", null, null).page(cursor, 50), query(null, null, "cli", T, T.plusSeconds(60)).page(cursor, 50));

        try (HistoryDatabase database = HistoryDatabase.open(settings); Connection connection = database.connection()) {
            for (HistoryQuery shape : shapes) {
                HistoryStore.Select select = HistoryStore.select(shape);
                try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + select.sql())) {
                    for (int i = 0; i < select.values().size(); i++) {
                        explain.setObject(i + 1, select.values().get(i));
                    }
                    try (ResultSet plan = explain.executeQuery()) {
                        plan.next();
                        assertThat(plan.getString(1)).as(select.sql()).contains("/* index sorted */");
                    }
                }
            }
        }
    }

    @Test
    void theEmbeddedFileStaysOpenUntilTheHistoryClosesIt() {
        assertThat(HistoryDatabase.jdbcUrl("jdbc:h2:file:./data/history")).isEqualTo("jdbc:h2:file:./data/history;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(HistoryDatabase.jdbcUrl("jdbc:h2:file:./h;DB_CLOSE_ON_EXIT=TRUE")).isEqualTo("jdbc:h2:file:./h;DB_CLOSE_ON_EXIT=TRUE");
        assertThat(HistoryDatabase.jdbcUrl("jdbc:postgresql://db/history")).isEqualTo("jdbc:postgresql://db/history");
    }
}
