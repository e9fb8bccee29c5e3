package io.webhookactions.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of {@code webhook_execution_group} as SQL sees them, shared by the store's questions and retention's
 * deletions: the table and its key bounds, writing groups, reading one back, transactions.
 */
final class GroupRows {

    static final String TABLE = "webhook_execution_group";
    /** The columns of a group as the list reads them, in the order {@link #readGroup} reads them. */
    static final String GROUP = "newest_at, newest_id, action, source, success, summaries";
    /** Groups newer than a key, in the bounded form both databases read as a range of the primary key. */
    static final String NEWEST_BELOW = "newest_at <= ? AND (newest_at < ? OR (newest_at = ? AND newest_id < ?))";
    static final String NEWEST_AT_OR_BELOW = "newest_at <= ? AND (newest_at < ? OR (newest_at = ? AND newest_id <= ?))";
    /** The one group whose newest record has a key: {@link #bindExactKey}. */
    static final String AT_KEY = "newest_at = ? AND newest_id = ?";
    static final int ROWS_PER_INSERT = 100;
    private static final int[] INSERT_SIZES = {ROWS_PER_INSERT, 20, 5, 1};

    private GroupRows() {
    }

    /**
     * Writes {@code groups} on {@code connection}, in its transaction, up to {@value #ROWS_PER_INSERT} rows per
     * {@code INSERT ... VALUES}: on an H2 file that is three times faster than a JDBC batch of single-row inserts,
     * and PostgreSQL's driver would rewrite a batch this way anyway. The statement sizes are a few fixed ones, so
     * the databases' statement caches keep finding the same few statements.
     */
    static void insert(Connection connection, List<RecordGroup> groups) throws SQLException {
        Map<Integer, PreparedStatement> statements = new HashMap<>();
        try {
            int from = 0;
            while (from < groups.size()) {
                int rows = rowsPerInsert(groups.size() - from);
                PreparedStatement insert = statements.get(rows);
                if (insert == null) {
                    insert = connection.prepareStatement(insertSql(rows));
                    statements.put(rows, insert);
                }
                int p = 1;
                for (RecordGroup group : groups.subList(from, from + rows)) {
                    p = bind(insert, p, group);
                }
                insert.executeUpdate();
                from += rows;
            }
        } finally {
            for (PreparedStatement statement : statements.values()) {
                statement.close();
            }
        }
    }

    private static int rowsPerInsert(int left) {
        for (int size : INSERT_SIZES) {
            if (left >= size) {
                return size;
            }
        }
        return 1;
    }

    private static String insertSql(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO " + TABLE
                + " (newest_at, newest_id, oldest_at, oldest_id, action, source, success, records, summaries, details) VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        return sql.toString();
    }

    private static int bind(PreparedStatement insert, int first, RecordGroup group) throws SQLException {
        int p = first;
        HistoryRecord newest = group.newest();
        HistoryRecord oldest = group.oldest();
        insert.setObject(p++, utc(newest.startedAt()));
        insert.setString(p++, newest.id());
        insert.setObject(p++, utc(oldest.startedAt()));
        insert.setString(p++, oldest.id());
        insert.setString(p++, newest.action());
        insert.setString(p++, newest.source());
        insert.setBoolean(p++, newest.success());
        insert.setInt(p++, group.summaries().size());
        insert.setString(p++, group.summariesJson());
        insert.setBytes(p++, group.details());
        return p;
    }

    /** Sorts after every UUID: the id half of a bound that takes every record of its microsecond. */
    static final String LAST_ID = "ffffffff-ffff-ffff-ffff-ffffffffffff";

    @FunctionalInterface
    interface Work {
        void run() throws SQLException;
    }

    static void inTransaction(Connection connection, Work work) throws SQLException {
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollback(connection);
            throw e;
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    /** The group whose newest record has {@code key}, with its details; empty when there is none (any longer). */
    static java.util.Optional<RecordGroup> byKey(Connection connection, Cursor key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + GROUP + ", details FROM " + TABLE + " WHERE " + AT_KEY)) {
            bindExactKey(select, 1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? java.util.Optional.of(readGroup(row, true)) : java.util.Optional.empty();
            }
        }
    }

    /** The group in the current row of a {@link #GROUP} query (with {@code details} after it when {@code withDetails}). */
    static RecordGroup readGroup(ResultSet row, boolean withDetails) throws SQLException {
        return RecordGroup.read(row.getString(3), row.getString(4), row.getBoolean(5), row.getString(6), withDetails ? row.getBytes(7) : null);
    }

    /** The four values of a {@link #NEWEST_BELOW} or {@link #NEWEST_AT_OR_BELOW} bound at {@code key}, in order. */
    static void addKey(List<Object> values, Cursor key) {
        OffsetDateTime at = utc(key.startedAt());
        values.add(at);
        values.add(at);
        values.add(at);
        values.add(key.id());
    }

    /** Binds the two values of {@link #AT_KEY} from parameter {@code first} on. */
    static void bindExactKey(PreparedStatement statement, int first, Cursor key) throws SQLException {
        statement.setObject(first, utc(key.startedAt()));
        statement.setString(first + 1, key.id());
    }

    /** Binds {@link #addKey}'s values from parameter {@code first} on. */
    static void bindKey(PreparedStatement statement, int first, Cursor key) throws SQLException {
        List<Object> values = new ArrayList<>(4);
        addKey(values, key);
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(first + i, values.get(i));
        }
    }

    static Instant instant(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool drops it, and the caller reports the first failure
        }
    }
}
