package io.webhookactions.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The history's SQL, one statement per question, the same on H2 and PostgreSQL. Records are stored in groups
 * ({@link RecordGroup}: one row holds the records of one action, source and outcome that were written together),
 * so every question is asked of groups and answered with records. Every list is a keyset page: groups are read
 * newest first by their newest record's key {@code (newest_at, newest_id)}, and their records merged in that
 * order until no further group can hold a record of the page. The SQL carries redundant bounds on
 * {@code newest_at} (a group spans at most {@link RecordGroup#MAX_SPAN}) so both databases read an index range,
 * and with an action (or success) filter the order starts with that column so H2 reads the
 * {@code (action, newest_at, newest_id)} index in order instead of sorting every matching row (measured: 0.5 ms
 * instead of 6-13 s at a million rows).
 */
public final class HistoryStore {

    static final String TABLE = "webhook_execution_group";
    /** The columns of a group as the list reads them, in the order {@link #group} reads them. */
    private static final String GROUP = "newest_at, newest_id, action, source, success, summaries";
    static final int ROWS_PER_INSERT = 100;
    private static final int[] INSERT_SIZES = {ROWS_PER_INSERT, 20, 5, 1};
    /** Groups newer than a key, in the bounded form both databases read as a range of the primary key. */
    private static final String NEWEST_BELOW = "newest_at <= ? AND (newest_at < ? OR (newest_at = ? AND newest_id < ?))";
    private static final String NEWEST_AT_OR_BELOW = "newest_at <= ? AND (newest_at < ? OR (newest_at = ? AND newest_id <= ?))";
    /** Groups a list reads with its first query. */
    private static final int FIRST_GROUPS = 8;
    /** Groups a list reads at most per query; a page whose groups hold few matching records takes several. */
    private static final int MAX_GROUPS_PER_QUERY = 2_000;
    private static final Comparator<HistoryRecord> NEWEST_FIRST = RecordGroup.OLDEST_FIRST.reversed();

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

    /** Writes {@code records} in one transaction, as the groups they make. */
    public void insert(List<HistoryRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        try (Connection connection = connections.get()) {
            inTransaction(connection, () -> insert(connection, RecordGroup.of(records)));
        }
    }

    /** Writes {@code groups} as they are, in one transaction. */
    void insertGroups(List<RecordGroup> groups) throws SQLException {
        try (Connection connection = connections.get()) {
            inTransaction(connection, () -> insert(connection, groups));
        }
    }

    /** Whether a group with {@code group}'s key is stored; false also when the database cannot say. */
    boolean holdsSafely(RecordGroup group) {
        try (Connection connection = connections.get();
             PreparedStatement select = connection.prepareStatement("SELECT 1 FROM " + TABLE + " WHERE newest_at = ? AND newest_id = ?")) {
            select.setObject(1, utc(group.newest().startedAt()));
            select.setString(2, group.newest().id());
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            return false;
        }
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

    /**
     * A page of summaries, newest first. Groups come newest first by their newest record; once the page (and one
     * record more, to know whether a next page exists) is full and the next group's newest record is older than the
     * page's last, no group left can hold a record of the page.
     */
    public Page list(HistoryQuery query) throws SQLException {
        int wanted = query.limit() + 1;
        List<HistoryRecord> found = new ArrayList<>();
        Cursor below = null;
        // A busy action's group holds hundreds of records, a quiet one's often one: start small, then read twice as
        // many groups as the records still missing need at the rate of the groups read so far.
        int rows = FIRST_GROUPS;
        long groupsRead = 0;
        long admitted = 0;
        try (Connection connection = connections.get()) {
            boolean complete = false;
            while (!complete) {
                Select select = select(query, below, rows);
                int read = 0;
                try (PreparedStatement statement = prepare(connection, select); ResultSet groups = statement.executeQuery()) {
                    while (groups.next()) {
                        read++;
                        groupsRead++;
                        Cursor newest = new Cursor(instant(groups, 1), groups.getString(2));
                        // Only a strictly older microsecond ends the page: the databases may order ids of one
                        // microsecond differently from Java.
                        if (found.size() >= wanted && newest.startedAt().isBefore(found.get(wanted - 1).startedAt())) {
                            complete = true;
                            break;
                        }
                        for (HistoryRecord record : group(groups).summaries()) {
                            if (admits(query, record)) {
                                found.add(record);
                                admitted++;
                            }
                        }
                        if (found.size() >= wanted) {
                            found.sort(NEWEST_FIRST);
                            found.subList(wanted, found.size()).clear();
                        }
                        below = newest;
                    }
                }
                complete |= read < rows;
                long missing = Math.max(1, wanted - found.size());
                rows = (int) Math.min(MAX_GROUPS_PER_QUERY, Math.max(FIRST_GROUPS, 2 * missing * groupsRead / Math.max(1, admitted)));
            }
        }
        found.sort(NEWEST_FIRST);
        if (found.size() <= query.limit()) {
            return new Page(found, null);
        }
        List<HistoryRecord> items = new ArrayList<>(found.subList(0, query.limit()));
        return new Page(items, Cursor.after(items.get(items.size() - 1)));
    }

    /** Whether a record of a group the query selected is one it asks for: the conditions on each record's time. */
    private static boolean admits(HistoryQuery query, HistoryRecord record) {
        Instant at = record.startedAt();
        if (query.since() != null && at.isBefore(query.since())) {
            return false;
        }
        if (query.until() != null && !at.isBefore(query.until())) {
            return false;
        }
        Cursor before = query.before();
        return before == null || at.isBefore(before.startedAt()) || (at.equals(before.startedAt()) && record.id().compareTo(before.id()) < 0);
    }

    /** A list query and its values. */
    record Select(String sql, List<Object> values) {
    }

    /** The first query of a list. */
    static Select select(HistoryQuery query) {
        return select(query, null, FIRST_GROUPS);
    }

    /**
     * The groups that may hold records {@code query} asks for, newest first, only those whose newest record is
     * below {@code below} (when not null), at most {@code rows}.
     */
    static Select select(HistoryQuery query, Cursor below, int rows) {
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
            condition(where, "newest_at >= ?");
            values.add(utc(query.since()));
        }
        if (query.until() != null) {
            // The second bound follows from the first and the span; it lets the database start its range there.
            condition(where, "oldest_at < ? AND newest_at < ?");
            values.add(utc(query.until()));
            values.add(utc(query.until().plus(RecordGroup.MAX_SPAN)));
        }
        if (query.before() != null) {
            condition(where, "oldest_at <= ? AND newest_at <= ?");
            values.add(utc(query.before().startedAt()));
            values.add(utc(query.before().startedAt().plus(RecordGroup.MAX_SPAN)));
        }
        if (below != null) {
            condition(where, NEWEST_BELOW);
            addKey(values, below);
        }
        // The column an index starts with, held equal by the filter, leads the order: H2 then reads that index in
        // order; PostgreSQL does either way.
        String order = query.action() != null ? "action DESC, " : query.success() != null ? "success DESC, " : "";
        values.add(rows);
        return new Select("SELECT " + GROUP + " FROM " + TABLE + where + " ORDER BY " + order + "newest_at DESC, newest_id DESC LIMIT ?",
                values);
    }

    /**
     * The whole record of {@code id}. The id's first 48 bits are the millisecond its execution started
     * ({@link HistoryRecord#timeOrderedId}), so the look-up reads the groups of that second, summaries first, and
     * the details of the one group that holds it; any other id is unknown.
     */
    public Optional<HistoryRecord> find(String id) throws SQLException {
        Optional<Instant> millisecond = HistoryRecord.startOf(id);
        if (millisecond.isEmpty()) {
            return Optional.empty();
        }
        Instant from = millisecond.get();
        Instant to = from.plusMillis(1);
        try (Connection connection = connections.get()) {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + GROUP + " FROM " + TABLE
                    + " WHERE newest_at >= ? AND newest_at < ? AND oldest_at < ?")) {
                select.setObject(1, utc(from));
                select.setObject(2, utc(to.plus(RecordGroup.MAX_SPAN)));
                select.setObject(3, utc(to));
                try (ResultSet groups = select.executeQuery()) {
                    while (groups.next()) {
                        if (group(groups).indexOf(id) >= 0) {
                            // Read again with the details: retention may have trimmed or deleted the group meanwhile.
                            return withDetails(connection, groups, id);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Record {@code id} of the group in the current row, with its detail, read by the group's key; empty once gone. */
    private static Optional<HistoryRecord> withDetails(Connection connection, ResultSet row, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + GROUP + ", details FROM " + TABLE
                + " WHERE newest_at = ? AND newest_id = ?")) {
            select.setObject(1, row.getObject(1, OffsetDateTime.class));
            select.setString(2, row.getString(2));
            try (ResultSet whole = select.executeQuery()) {
                if (!whole.next()) {
                    return Optional.empty();
                }
                RecordGroup group = RecordGroup.read(whole.getString(3), whole.getString(4), whole.getBoolean(5), whole.getString(6),
                        whole.getBytes(7));
                int index = group.indexOf(id);
                return index < 0 ? Optional.empty() : Optional.of(group.withDetail(index));
            }
        }
    }

    /** How many records the history holds. */
    public long count() throws SQLException {
        try (Connection connection = connections.get();
             PreparedStatement select = connection.prepareStatement("SELECT COALESCE(SUM(records), 0) FROM " + TABLE);
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Deletes the records started before {@code cutoff}: whole groups up to {@code chunk} per transaction, then the
     * older part of the groups that straddle it.
     *
     * @return how many records were deleted
     */
    public long deleteStartedBefore(Instant cutoff, int chunk) throws SQLException {
        Cursor last = new Cursor(cutoff.truncatedTo(ChronoUnit.MICROS).minusNanos(1000), LAST_ID);
        long deleted = deleteGroupsUpTo(last, chunk);
        try (Connection connection = connections.get()) {
            List<RecordGroup> straddling = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + GROUP + ", details FROM " + TABLE
                    + " WHERE oldest_at < ? AND newest_at >= ? AND newest_at < ?")) {
                select.setObject(1, utc(cutoff));
                select.setObject(2, utc(cutoff));
                select.setObject(3, utc(cutoff.plus(RecordGroup.MAX_SPAN)));
                try (ResultSet groups = select.executeQuery()) {
                    while (groups.next()) {
                        straddling.add(RecordGroup.read(groups.getString(3), groups.getString(4), groups.getBoolean(5), groups.getString(6),
                                groups.getBytes(7)));
                    }
                }
            }
            for (RecordGroup group : straddling) {
                deleted += replace(connection, group, group.retain(record -> !record.startedAt().isBefore(cutoff)));
            }
        }
        return deleted;
    }

    /**
     * Deletes all but the newest {@code keep} records: the groups beyond them whole, up to {@code chunk} per
     * transaction, and the older part of the group the limit falls in. Groups are counted newest first by their
     * newest record, so among groups whose times overlap (within {@link RecordGroup#MAX_SPAN}) which records stay is
     * decided by group, not record by record; how many stay is exact.
     *
     * @return how many records were deleted
     */
    public long keepNewest(long keep, int chunk) throws SQLException {
        if (count() <= keep) {
            return 0;
        }
        long seen = 0;
        // A bound after every record, so that even the first query has the form the database reads from the
        // (newest_at, newest_id, records) index alone.
        Cursor below = new Cursor(Instant.parse("9999-12-31T23:59:59Z"), LAST_ID);
        Cursor cut = null;
        long keepOfCut = 0;
        // One connection at a time (the pool has four: the writer, two readers and this).
        try (Connection connection = connections.get()) {
            while (cut == null) {
                String sql = "SELECT newest_at, newest_id, records FROM " + TABLE + " WHERE " + NEWEST_BELOW
                        + " ORDER BY newest_at DESC, newest_id DESC LIMIT " + MAX_GROUPS_PER_QUERY;
                int read = 0;
                try (PreparedStatement select = connection.prepareStatement(sql)) {
                    bindKey(select, 1, below);
                    try (ResultSet groups = select.executeQuery()) {
                        while (groups.next()) {
                            read++;
                            below = new Cursor(instant(groups, 1), groups.getString(2));
                            int records = groups.getInt(3);
                            if (seen + records > keep) {
                                cut = below;
                                keepOfCut = keep - seen;
                                break;
                            }
                            seen += records;
                        }
                    }
                }
                if (cut == null && read < MAX_GROUPS_PER_QUERY) {
                    return 0; // fewer than counted: deleted meanwhile
                }
            }
        }
        long trimmed;
        try (Connection connection = connections.get()) {
            trimmed = trim(connection, cut, keepOfCut);
        }
        return trimmed + deleteGroupsBelow(cut, chunk);
    }

    /** Keeps the newest {@code keep} records of the group whose key is {@code key}; returns how many went. */
    private long trim(Connection connection, Cursor key, long keep) throws SQLException {
        RecordGroup group;
        try (PreparedStatement select = connection.prepareStatement("SELECT " + GROUP + ", details FROM " + TABLE
                + " WHERE newest_at = ? AND newest_id = ?")) {
            select.setObject(1, utc(key.startedAt()));
            select.setString(2, key.id());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return 0;
                }
                group = RecordGroup.read(row.getString(3), row.getString(4), row.getBoolean(5), row.getString(6), row.getBytes(7));
            }
        }
        int size = group.summaries().size();
        java.util.Set<String> kept = new java.util.HashSet<>();
        for (HistoryRecord record : group.summaries().subList((int) Math.max(0, size - keep), size)) {
            kept.add(record.id());
        }
        return replace(connection, group, group.retain(record -> kept.contains(record.id())));
    }

    /** Replaces {@code group} by what is left of it (nothing: deletes it) in one transaction; returns the records gone. */
    private static long replace(Connection connection, RecordGroup group, Optional<RecordGroup> left) throws SQLException {
        int before = group.summaries().size();
        int after = left.map(g -> g.summaries().size()).orElse(0);
        if (after == before) {
            return 0;
        }
        int[] changed = new int[1];
        inTransaction(connection, () -> {
            // Only the group as it was read: another instance's retention may have trimmed it meanwhile (same key,
            // fewer records), and what is left of this copy would bring its deleted records back.
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE
                    + " WHERE newest_at = ? AND newest_id = ? AND oldest_id = ? AND records = ?")) {
                delete.setObject(1, utc(group.newest().startedAt()));
                delete.setString(2, group.newest().id());
                delete.setString(3, group.oldest().id());
                delete.setInt(4, before);
                changed[0] = delete.executeUpdate();
            }
            if (changed[0] == 1 && left.isPresent()) {
                insert(connection, List.of(left.get()));
            }
        });
        return changed[0] == 1 ? before - after : 0;
    }

    private long deleteGroupsBelow(Cursor key, int chunk) throws SQLException {
        // The groups strictly below key: up to the last one at or below key that is not key itself.
        Cursor last = null;
        try (Connection connection = connections.get();
             PreparedStatement select = connection.prepareStatement("SELECT newest_at, newest_id FROM " + TABLE + " WHERE " + NEWEST_BELOW
                     + " ORDER BY newest_at DESC, newest_id DESC LIMIT 1")) {
            bindKey(select, 1, key);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    last = new Cursor(instant(row, 1), row.getString(2));
                }
            }
        }
        return last == null ? 0 : deleteGroupsUpTo(last, chunk);
    }

    /** Deletes the groups whose newest record is at or below {@code last}, oldest first, {@code chunk} per transaction. */
    private long deleteGroupsUpTo(Cursor last, int chunk) throws SQLException {
        long total = 0;
        while (!Thread.currentThread().isInterrupted()) {
            long[] deleted = new long[2];
            try (Connection connection = connections.get()) {
                inTransaction(connection, () -> {
                    Cursor upTo = last;
                    try (PreparedStatement select = connection.prepareStatement("SELECT newest_at, newest_id FROM " + TABLE + " WHERE "
                            + NEWEST_AT_OR_BELOW + " ORDER BY newest_at, newest_id LIMIT 1 OFFSET ?")) {
                        bindKey(select, 1, last);
                        select.setInt(5, chunk - 1);
                        try (ResultSet rows = select.executeQuery()) {
                            if (rows.next()) {
                                upTo = new Cursor(instant(rows, 1), rows.getString(2));
                            }
                        }
                    }
                    try (PreparedStatement sum = connection.prepareStatement("SELECT COALESCE(SUM(records), 0), COUNT(*) FROM " + TABLE
                            + " WHERE " + NEWEST_AT_OR_BELOW)) {
                        bindKey(sum, 1, upTo);
                        try (ResultSet rows = sum.executeQuery()) {
                            rows.next();
                            deleted[0] = rows.getLong(1);
                        }
                    }
                    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE " + NEWEST_AT_OR_BELOW)) {
                        bindKey(delete, 1, upTo);
                        deleted[1] = delete.executeUpdate();
                    }
                });
            }
            total += deleted[0];
            if (deleted[1] < chunk) {
                return total;
            }
        }
        return total;
    }

    /**
     * Moves every record of {@code webhook_execution}, the first version's table (one row a record), into groups and
     * drops that table: the migration to version 4, in Flyway's transaction on {@code connection}.
     */
    public static void moveRecordsIntoGroups(Connection connection) throws SQLException {
        Cursor after = null;
        while (true) {
            List<HistoryRecord> chunk = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, started_at, action, source, caller, duration_ms, success,"
                    + " status_code, error, record FROM webhook_execution"
                    + (after == null ? "" : " WHERE started_at >= ? AND (started_at > ? OR (started_at = ? AND id > ?))")
                    + " ORDER BY started_at, id LIMIT " + RecordGroup.MAX_RECORDS)) {
                if (after != null) {
                    bindKey(select, 1, after);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        int status = rows.getInt(8);
                        Integer statusCode = rows.wasNull() ? null : status;
                        chunk.add(new HistoryRecord(rows.getString(1), instant(rows, 2), rows.getString(3), rows.getString(4),
                                rows.getString(5), rows.getLong(6), rows.getBoolean(7), statusCode, rows.getString(9), rows.getString(10)));
                    }
                }
            }
            if (chunk.isEmpty()) {
                break;
            }
            insert(connection, RecordGroup.of(chunk));
            after = Cursor.after(chunk.get(chunk.size() - 1));
        }
        try (PreparedStatement drop = connection.prepareStatement("DROP TABLE webhook_execution")) {
            drop.execute();
        }
    }

    /** Sorts after every UUID: the id half of a bound that takes every record of its microsecond. */
    private static final String LAST_ID = "ffffffff-ffff-ffff-ffff-ffffffffffff";

    @FunctionalInterface
    private interface Work {
        void run() throws SQLException;
    }

    private static void inTransaction(Connection connection, Work work) throws SQLException {
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

    private static PreparedStatement prepare(Connection connection, Select select) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(select.sql());
        for (int i = 0; i < select.values().size(); i++) {
            statement.setObject(i + 1, select.values().get(i));
        }
        return statement;
    }

    /** The group in the current row of a {@link #GROUP} query, summaries only. */
    private static RecordGroup group(ResultSet row) throws SQLException {
        return RecordGroup.read(row.getString(3), row.getString(4), row.getBoolean(5), row.getString(6), null);
    }

    private static void addKey(List<Object> values, Cursor key) {
        OffsetDateTime at = utc(key.startedAt());
        values.add(at);
        values.add(at);
        values.add(at);
        values.add(key.id());
    }

    private static void bindKey(PreparedStatement statement, int first, Cursor key) throws SQLException {
        OffsetDateTime at = utc(key.startedAt());
        statement.setObject(first, at);
        statement.setObject(first + 1, at);
        statement.setObject(first + 2, at);
        statement.setString(first + 3, key.id());
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
