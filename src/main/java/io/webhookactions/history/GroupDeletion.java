package io.webhookactions.history;

import static io.webhookactions.history.GroupRows.GROUP;
import static io.webhookactions.history.GroupRows.LAST_ID;
import static io.webhookactions.history.GroupRows.NEWEST_AT_OR_BELOW;
import static io.webhookactions.history.GroupRows.NEWEST_BELOW;
import static io.webhookactions.history.GroupRows.TABLE;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Retention's deletions (SPEC §13): whole groups oldest first, a chunk per transaction, and the groups a limit falls
 * in trimmed to the exact record. One connection at a time: the pool has four (the writer, two readers and this).
 */
final class GroupDeletion {

    /** The groups per query of the walk that finds where the newest records end. */
    private static final int GROUPS_PER_QUERY = 2_000;

    private final HistoryStore.Connections connections;
    private final HistoryStore store;

    GroupDeletion(HistoryStore.Connections connections, HistoryStore store) {
        this.connections = connections;
        this.store = store;
    }

    /**
     * Deletes the records started before {@code cutoff}: whole groups up to {@code chunk} per transaction, then the
     * older part of the groups that straddle it.
     *
     * @return how many records were deleted
     */
    long startedBefore(Instant cutoff, int chunk) throws SQLException {
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
                        straddling.add(readGroup(groups, true));
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
    long allButNewest(long keep, int chunk) throws SQLException {
        if (store.count() <= keep) {
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
                        + " ORDER BY newest_at DESC, newest_id DESC LIMIT " + GROUPS_PER_QUERY;
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
                if (cut == null && read < GROUPS_PER_QUERY) {
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
        Optional<RecordGroup> read = GroupRows.byKey(connection, key);
        if (read.isEmpty()) {
            return 0;
        }
        RecordGroup group = read.get();
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
                    + " WHERE " + GroupRows.AT_KEY + " AND oldest_id = ? AND records = ?")) {
                GroupRows.bindExactKey(delete, 1, Cursor.after(group.newest()));
                delete.setString(3, group.oldest().id());
                delete.setInt(4, before);
                changed[0] = delete.executeUpdate();
            }
            if (changed[0] == 1 && left.isPresent()) {
                GroupRows.insert(connection, List.of(left.get()));
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
            long[] deleted = new long[2]; // records, groups
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
                    try (PreparedStatement sum = connection.prepareStatement("SELECT COALESCE(SUM(records), 0) FROM " + TABLE
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

}
