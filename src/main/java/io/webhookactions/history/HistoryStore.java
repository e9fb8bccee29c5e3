package io.webhookactions.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The history's SQL, one statement per question, the same on H2 and PostgreSQL. Every list is a keyset page over
 * {@code (started_at, id)}: the cursor condition carries a redundant {@code started_at <= ?} so both databases
 * read it as an index range, and with an action (or success) filter the order starts with that column so H2 reads
 * the {@code (action, started_at, id)} index in order instead of sorting every matching row (measured: 0.5 ms
 * instead of 6-13 s at a million rows).
 */
public final class HistoryStore {

    /** The columns of a summary, in the order {@link #summary} reads them. */
    private static final String SUMMARY = "id, started_at, action, source, caller, duration_ms, success, status_code, error";
    static final int ROWS_PER_INSERT = 100;
    /** Records at or before a key, in the bounded form both databases read as a range of the primary key. */
    private static final String AT_OR_BEFORE = "started_at <= ? AND (started_at < ? OR (started_at = ? AND id <= ?))";
    private static final int[] INSERT_SIZES = {ROWS_PER_INSERT, 20, 5, 1};
    /** Sorts after every UUID: the id half of a bound that takes every record of its microsecond. */
    private static final String LAST_ID = "ffffffff-ffff-ffff-ffff-ffffffffffff";

    /** Gives a connection to the migrated schema. */
    @FunctionalInterface
    public interface Connections {
        Connection get() throws SQLException;
    }

    /** One page of the list, and the cursor of the next one (null on the last page). */
    public record Page(List<HistoryRecord> items, Cursor next) {
    }

    private final Connections connections;

    public HistoryStore(Connections connections) {
        this.connections = connections;
    }

    /**
     * Writes {@code records} in one transaction, up to {@value #ROWS_PER_INSERT} rows per {@code INSERT ... VALUES}:
     * on an H2 file that is three times faster than a JDBC batch of single-row inserts (measured: 12 600 against
     * 3 700 rows a second), and PostgreSQL's driver would rewrite a batch this way anyway.
     */
    public void insert(List<HistoryRecord> records) throws SQLException {
        try (Connection connection = connections.get()) {
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(false);
            Map<Integer, PreparedStatement> statements = new HashMap<>();
            try {
                int from = 0;
                while (from < records.size()) {
                    int rows = rowsPerInsert(records.size() - from);
                    PreparedStatement insert = statements.get(rows);
                    if (insert == null) {
                        insert = connection.prepareStatement(insert(rows));
                        statements.put(rows, insert);
                    }
                    bind(insert, records.subList(from, from + rows));
                    insert.executeUpdate();
                    from += rows;
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(connection);
                throw e;
            } finally {
                for (PreparedStatement statement : statements.values()) {
                    statement.close();
                }
                connection.setAutoCommit(auto);
            }
        }
    }

    /**
     * The rows of the next statement: one of a few fixed sizes, so the databases' statement caches (H2's per session,
     * the PostgreSQL driver's per connection) keep finding the same few statements instead of parsing a new one for
     * every batch size.
     */
    private static int rowsPerInsert(int left) {
        for (int size : INSERT_SIZES) {
            if (left >= size) {
                return size;
            }
        }
        return 1;
    }

    private static String insert(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO webhook_execution (" + SUMMARY + ", record) VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        return sql.toString();
    }

    private static void bind(PreparedStatement insert, List<HistoryRecord> records) throws SQLException {
        int p = 1;
        for (HistoryRecord record : records) {
            insert.setString(p++, record.id());
            insert.setObject(p++, utc(record.startedAt()));
            insert.setString(p++, record.action());
            insert.setString(p++, record.source());
            insert.setString(p++, record.caller());
            insert.setLong(p++, record.durationMs());
            insert.setBoolean(p++, record.success());
            if (record.statusCode() == null) {
                insert.setNull(p++, Types.INTEGER);
            } else {
                insert.setInt(p++, record.statusCode());
            }
            insert.setString(p++, record.error());
            insert.setString(p++, record.detail());
        }
    }

    /** A page of summaries, newest first. */
    public Page list(HistoryQuery query) throws SQLException {
        Select select = select(query);
        List<HistoryRecord> items = new ArrayList<>();
        try (Connection connection = connections.get(); PreparedStatement statement = connection.prepareStatement(select.sql())) {
            for (int i = 0; i < select.values().size(); i++) {
                statement.setObject(i + 1, select.values().get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    items.add(summary(rows, null));
                }
            }
        }
        if (items.size() <= query.limit()) {
            return new Page(items, null);
        }
        items.remove(items.size() - 1);
        return new Page(items, Cursor.after(items.get(items.size() - 1)));
    }

    /** A list query and its values: one row more than the page, to know whether there is a next one. */
    record Select(String sql, List<Object> values) {
    }

    static Select select(HistoryQuery query) {
        List<Object> values = new ArrayList<>();
        StringBuilder where = new StringBuilder();
        if (query.action() != null) {
            condition(where, "action = ?");
            values.add(query.action());
        }
        if (!query.patterns().isEmpty()) {
            StringBuilder any = new StringBuilder("(");
            for (String pattern : query.patterns()) {
                any.append(any.length() > 1 ? " OR " : "").append("action LIKE ? ESCAPE '!'");
                values.add(pattern.replace("!", "!!").replace("%", "!%").replace("_", "!_").replace('*', '%'));
            }
            condition(where, any.append(')').toString());
        }
        if (query.success() != null) {
            condition(where, "success = ?");
            values.add(query.success());
        }
        if (query.source() != null) {
            condition(where, "source = ?");
            values.add(query.source());
        }
        if (query.since() != null) {
            condition(where, "started_at >= ?");
            values.add(utc(query.since()));
        }
        if (query.until() != null) {
            condition(where, "started_at < ?");
            values.add(utc(query.until()));
        }
        if (query.before() != null) {
            condition(where, "started_at <= ? AND (started_at < ? OR (started_at = ? AND id < ?))");
            OffsetDateTime at = utc(query.before().startedAt());
            values.add(at);
            values.add(at);
            values.add(at);
            values.add(query.before().id());
        }
        // The column an index starts with, held equal by the filter, leads the order: H2 then reads that index in
        // order; PostgreSQL does either way.
        String order = query.action() != null ? "action DESC, " : query.success() != null ? "success DESC, " : "";
        values.add(query.limit() + 1);
        return new Select("SELECT " + SUMMARY + " FROM webhook_execution" + where + " ORDER BY " + order + "started_at DESC, id DESC LIMIT ?",
                values);
    }

    /**
     * The whole record of {@code id}. The id's first 48 bits are the millisecond its execution started
     * ({@link HistoryRecord#timeOrderedId}), so the look-up is a range of the primary key; any other id is unknown.
     */
    public Optional<HistoryRecord> find(String id) throws SQLException {
        Optional<Instant> millisecond = HistoryRecord.startOf(id);
        if (millisecond.isEmpty()) {
            return Optional.empty();
        }
        try (Connection connection = connections.get();
             PreparedStatement select = connection.prepareStatement("SELECT " + SUMMARY + ", record FROM webhook_execution"
                     + " WHERE started_at >= ? AND started_at < ? AND id = ?")) {
            select.setObject(1, utc(millisecond.get()));
            select.setObject(2, utc(millisecond.get().plusMillis(1)));
            select.setString(3, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(summary(rows, rows.getString(10))) : Optional.empty();
            }
        }
    }

    public long count() throws SQLException {
        try (Connection connection = connections.get();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM webhook_execution");
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The key of the record {@code offset} places behind the newest one, if there are that many. */
    public Optional<Cursor> keyAt(long offset) throws SQLException {
        try (Connection connection = connections.get();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT started_at, id FROM webhook_execution ORDER BY started_at DESC, id DESC LIMIT 1 OFFSET ?")) {
            select.setLong(1, offset);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(new Cursor(instant(rows, 1), rows.getString(2))) : Optional.empty();
            }
        }
    }

    /** The bound that takes every record started before {@code instant}. */
    public static Cursor before(Instant instant) {
        return new Cursor(instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS).minusNanos(1000), LAST_ID);
    }

    /**
     * Deletes up to {@code chunk} of the oldest records at or before {@code last}, as one range of the primary key in
     * one short transaction.
     *
     * @return how many were deleted; fewer than {@code chunk} means none are left
     */
    public int deleteOldest(Cursor last, int chunk) throws SQLException {
        try (Connection connection = connections.get()) {
            Cursor upTo = last;
            try (PreparedStatement select = connection.prepareStatement("SELECT started_at, id FROM webhook_execution WHERE "
                    + AT_OR_BEFORE + " ORDER BY started_at, id LIMIT 1 OFFSET ?")) {
                bindKey(select, last);
                select.setInt(5, chunk - 1);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        upTo = new Cursor(instant(rows, 1), rows.getString(2));
                    }
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM webhook_execution WHERE " + AT_OR_BEFORE)) {
                bindKey(delete, upTo);
                return delete.executeUpdate();
            }
        }
    }

    private static void bindKey(PreparedStatement statement, Cursor key) throws SQLException {
        OffsetDateTime at = utc(key.startedAt());
        statement.setObject(1, at);
        statement.setObject(2, at);
        statement.setObject(3, at);
        statement.setString(4, key.id());
    }

    private static HistoryRecord summary(ResultSet rows, String detail) throws SQLException {
        int status = rows.getInt(8);
        Integer statusCode = rows.wasNull() ? null : status;
        return new HistoryRecord(rows.getString(1), instant(rows, 2), rows.getString(3), rows.getString(4), rows.getString(5),
                rows.getLong(6), rows.getBoolean(7), statusCode, rows.getString(9), detail == null ? HistoryRecord.NO_DETAIL : detail);
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static void condition(StringBuilder where, String condition) {
        where.append(where.length() == 0 ? " WHERE " : " AND ").append(condition);
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool drops it, and the caller reports the first failure
        }
    }
}
