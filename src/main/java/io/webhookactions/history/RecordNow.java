package io.webhookactions.history;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Writes one record at once, without a queue: the command line's {@code test}, which runs one execution and
 * exits. It never fails the command: a database it cannot open (an embedded H2 file held by a running
 * {@code serve}, a PostgreSQL server that is down) only yields a note saying the run was not recorded.
 */
public final class RecordNow {

    /** H2's "database may be already in use": another process holds the file. */
    private static final int H2_FILE_LOCKED = 90020;

    private RecordNow() {
    }

    /** @return empty when written, else why it was not (for the user) */
    public static Optional<String> write(HistorySettings settings, HistoryRecord record) {
        try (HistoryDatabase database = HistoryDatabase.open(settings)) {
            new HistoryStore(database::connection).insert(List.of(record));
            return Optional.empty();
        } catch (Exception | LinkageError e) {
            if (locked(e)) {
                return Optional.of("the history file is in use by a running service (" + settings.url() + "); this run was not"
                        + " recorded (the service records the executions it runs; point webhook.history.url at PostgreSQL to"
                        + " record both)");
            }
            return Optional.of("this run was not recorded in the execution history: " + e.getMessage());
        }
    }

    private static boolean locked(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == H2_FILE_LOCKED) {
                return true;
            }
        }
        return false;
    }
}
