package io.webhookactions.kafka;

import io.webhookactions.history.HistoryStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The SQL of the {@link SharedGuard}: the table {@code webhook_kafka_request} (migration V2 of the history), one row
 * per request id of one consumer group. Every statement runs on its own (auto-commit) and is the same on H2 and
 * PostgreSQL: a claim is a plain {@code INSERT} whose duplicate key (SQLState {@value #DUPLICATE_KEY}) says someone
 * claimed first, no {@code ON CONFLICT}; a take-over is an {@code UPDATE} conditional on the claim it replaces, so of
 * several takers exactly one changes the row.
 */
final class RequestClaims {

    /** Unique key violated: the same SQLState on H2 and PostgreSQL. */
    static final String DUPLICATE_KEY = "23505";
    /** Rows the cleanup deletes per statement: small deletes interleave with the claims instead of holding them up. */
    static final int CHUNK = 500;

    /**
     * Seconds a statement may take before the driver gives up (the pool's own socket timeout is 60 s): a consumer thread
     * waiting on the database counts against Kafka's max.poll.interval.ms, and a failed statement sends the request
     * to the instance's own guard instead (see {@link SharedGuard}).
     */
    static final int QUERY_TIMEOUT_SECONDS = 10;

    /** A row: who claimed the request when, with which content, and its result record once done (else null). */
    record Claim(String fingerprint, String claimedBy, Instant claimedAt, String result) {
    }

    private final HistoryStore.Connections connections;
    private final String group;

    /** @param group the consumer group, which scopes the ids */
    RequestClaims(HistoryStore.Connections connections, String group) {
        this.connections = connections;
        this.group = group;
    }

    private static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
        return statement;
    }

    /** The time as the table keeps it: to the microsecond, so a claim read back compares equal to the one written. */
    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** Claims {@code id} for {@code instance}; false when it has a row already (claimed or done by anyone). */
    boolean claim(String id, String fingerprint, String instance, Instant at) throws SQLException {
        try (Connection connection = connections.get();
             PreparedStatement insert = prepare(connection, "INSERT INTO webhook_kafka_request"
                     + " (consumer_group, id, fingerprint, claimed_by, claimed_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, group);
            insert.setString(2, id);
            insert.setString(3, fingerprint);
            insert.setString(4, instance);
            insert.setObject(5, utc(at));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (DUPLICATE_KEY.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** The row of {@code id}, if there is one. */
    Optional<Claim> find(String id) throws SQLException {
        try (Connection connection = connections.get();
             PreparedStatement select = prepare(connection, "SELECT fingerprint, claimed_by, claimed_at, result"
                     + " FROM webhook_kafka_request WHERE consumer_group = ? AND id = ?")) {
            select.setString(1, group);
            select.setString(2, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Claim(row.getString(1), row.getString(2), row.getObject(3, OffsetDateTime.class).toInstant(),
                        row.getString(4)));
            }
        }
    }

    /**
     * Replaces the claim {@code seen} (expired, stale, or past the window) with one of {@code instance} for the request
     * {@code fingerprint} names, its result cleared; false when the row changed since it was seen (another taker won, or
     * the claimant stored its result: a claim seen without one is taken over only while it still has none, else a
     * result stored in between would be wiped and the request run again).
     */
    boolean takeOver(String id, Claim seen, String fingerprint, String instance, Instant at) throws SQLException {
        try (Connection connection = connections.get();
             PreparedStatement update = prepare(connection, "UPDATE webhook_kafka_request"
                     + " SET fingerprint = ?, claimed_by = ?, claimed_at = ?, result = NULL"
                     + " WHERE consumer_group = ? AND id = ? AND claimed_by = ? AND claimed_at = ?"
                     + (seen.result() == null ? " AND result IS NULL" : ""))) {
            update.setString(1, fingerprint);
            update.setString(2, instance);
            update.setObject(3, utc(at));
            bindClaim(update, 4, id, seen.claimedBy(), seen.claimedAt());
            return update.executeUpdate() == 1;
        }
    }

    /** Stores {@code result} in the claim of {@code instance} made at {@code claimedAt}; false when that claim is gone. */
    boolean complete(String id, String instance, Instant claimedAt, String result) throws SQLException {
        try (Connection connection = connections.get();
             PreparedStatement update = prepare(connection, "UPDATE webhook_kafka_request SET result = ?"
                     + " WHERE consumer_group = ? AND id = ? AND claimed_by = ? AND claimed_at = ? AND result IS NULL")) {
            update.setString(1, result);
            bindClaim(update, 2, id, instance, claimedAt);
            return update.executeUpdate() == 1;
        }
    }

    /** Deletes the claim of {@code instance} made at {@code claimedAt}, still without result: its execution threw. */
    void release(String id, String instance, Instant claimedAt) throws SQLException {
        try (Connection connection = connections.get();
             PreparedStatement delete = prepare(connection, "DELETE FROM webhook_kafka_request"
                     + " WHERE consumer_group = ? AND id = ? AND claimed_by = ? AND claimed_at = ? AND result IS NULL")) {
            bindClaim(delete, 1, id, instance, claimedAt);
            delete.executeUpdate();
        }
    }

    /** Deletes up to {@value #CHUNK} of the group's rows claimed before {@code cutoff}, oldest first; returns how many. */
    int deleteClaimedBefore(Instant cutoff) throws SQLException {
        // DELETE ... LIMIT is not PostgreSQL's; a subquery with FETCH FIRST is both databases'.
        try (Connection connection = connections.get();
             PreparedStatement delete = prepare(connection, "DELETE FROM webhook_kafka_request WHERE consumer_group = ?"
                     + " AND id IN (SELECT id FROM webhook_kafka_request WHERE consumer_group = ? AND claimed_at < ?"
                     + " ORDER BY claimed_at FETCH FIRST " + CHUNK + " ROWS ONLY)")) {
            delete.setString(1, group);
            delete.setString(2, group);
            delete.setObject(3, utc(cutoff));
            return delete.executeUpdate();
        }
    }

    /** Binds {@code consumer_group = ? AND id = ? AND claimed_by = ? AND claimed_at = ?} from parameter {@code first} on. */
    private void bindClaim(PreparedStatement statement, int first, String id, String claimedBy, Instant claimedAt) throws SQLException {
        statement.setString(first, group);
        statement.setString(first + 1, id);
        statement.setString(first + 2, claimedBy);
        statement.setObject(first + 3, utc(claimedAt));
    }

    private static OffsetDateTime utc(Instant instant) {
        return stored(instant).atOffset(ZoneOffset.UTC);
    }
}
