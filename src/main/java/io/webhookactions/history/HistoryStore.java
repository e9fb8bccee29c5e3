package io.webhookactions.history;

import static io.webhookactions.history.GroupRows.GROUP;
import static io.webhookactions.history.GroupRows.NEWEST_BELOW;
import static io.webhookactions.history.GroupRows.TABLE;
import static io.webhookactions.history.GroupRows.addKey;
import static io.webhookactions.history.GroupRows.bindKey;
import static io.webhookactions.history.GroupRows.inTransaction;
import static io.webhookactions.history.GroupRows.instant;
import static io.webhookactions.history.GroupRows.readGroup;
import static io.webhookactions.history.GroupRows.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 * instead of 6-13 s at a million rows). Retention's deletions are {@link GroupDeletion}'s; the rows as SQL sees
 * them (columns, key bounds, writing and reading a group) {@link GroupRows}'.
 */
public final class HistoryStore {

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
            inTransaction(connection, () -> GroupRows.insert(connection, RecordGroup.of(records)));
        }
    }

    /** Writes {@code groups} as they are, in one transaction. */
    void insertGroups(List<RecordGroup> groups) throws SQLException {
        try (Connection connection = connections.get()) {
            inTransaction(connection, () -> GroupRows.insert(connection, groups));
        }
    }

    /** Whether a group with {@code group}'s key is stored; false also when the database cannot say. */
    boolean holdsSafely(RecordGroup group) {
        try (Connection connection = connections.get();
             PreparedStatement select = connection.prepareStatement("SELECT 1 FROM " + TABLE + " WHERE " + GroupRows.AT_KEY)) {
            GroupRows.bindExactKey(select, 1, Cursor.after(group.newest()));
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            return false;
        }
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
                        for (HistoryRecord record : readGroup(groups, false).summaries()) {
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
                        if (readGroup(groups, false).indexOf(id) >= 0) {
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
        Optional<RecordGroup> group = GroupRows.byKey(connection, new Cursor(instant(row, 1), row.getString(2)));
        int index = group.map(g -> g.indexOf(id)).orElse(-1);
        return index < 0 ? Optional.empty() : Optional.of(group.get().withDetail(index));
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

    /** Deletes the records started before {@code cutoff} ({@link GroupDeletion#startedBefore}); returns how many. */
    public long deleteStartedBefore(Instant cutoff, int chunk) throws SQLException {
        return new GroupDeletion(connections, this).startedBefore(cutoff, chunk);
    }

    /** Deletes all but the newest {@code keep} records ({@link GroupDeletion#allButNewest}); returns how many. */
    public long keepNewest(long keep, int chunk) throws SQLException {
        return new GroupDeletion(connections, this).allButNewest(keep, chunk);
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
            GroupRows.insert(connection, RecordGroup.of(chunk));
            after = Cursor.after(chunk.get(chunk.size() - 1));
        }
        try (PreparedStatement drop = connection.prepareStatement("DROP TABLE webhook_execution")) {
            drop.execute();
        }
    }

    private static PreparedStatement prepare(Connection connection, Select select) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(select.sql());
        for (int i = 0; i < select.values().size(); i++) {
            statement.setObject(i + 1, select.values().get(i));
        }
        return statement;
    }

    private static void condition(StringBuilder where, String condition) {
        where.append(where.length() == 0 ? " WHERE " : " AND ").append(condition);
    }

}
