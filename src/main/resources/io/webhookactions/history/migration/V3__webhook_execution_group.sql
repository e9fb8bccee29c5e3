-- Execution history in groups: one row holds the records of one action, source and outcome that the writer took
-- together (a database row costs about the same whatever it holds, so a busy action's records share few rows).
-- V4 moves the records of webhook_execution here and drops that table. Runs unchanged on H2 2.x and PostgreSQL 12+
-- (BYTEA is BINARY VARYING on H2).
CREATE TABLE webhook_execution_group (
    -- The group's newest record: the key lists page by, newest first, and retention deletes by, oldest first.
    newest_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    newest_id  VARCHAR(36)              NOT NULL,
    -- Its oldest record: at most one second older than the newest.
    oldest_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    oldest_id  VARCHAR(36)              NOT NULL,
    action     VARCHAR(255)             NOT NULL,
    source     VARCHAR(16)              NOT NULL,
    success    BOOLEAN                  NOT NULL,
    records    INTEGER                  NOT NULL,
    -- JSON array, oldest first: {"id", "started_at_us" (microseconds since 1970), "caller", "duration_ms", "status_code", "error",
    -- "detail": [offset, length]} where detail places the record's detail in the details column.
    summaries  TEXT                     NOT NULL,
    -- UTF-8 JSON array of the records' details (request, response, attributes, truncated), in the same order.
    details    BYTEA                    NOT NULL,
    CONSTRAINT pk_webhook_execution_group PRIMARY KEY (newest_at, newest_id)
);

-- Newest first for one action, with cursor paging (the list orders by action first so H2 reads this index in order).
CREATE INDEX ix_webhook_execution_group_action ON webhook_execution_group (action, newest_at, newest_id);
-- Newest first among failures (or successes), the history's most asked question.
CREATE INDEX ix_webhook_execution_group_success ON webhook_execution_group (success, newest_at, newest_id);
-- Retention counts records and walks groups newest first by these columns alone: read from this index, not from rows
-- that carry up to 128 KiB of details each (H2 keeps them in the row).
CREATE INDEX ix_webhook_execution_group_records ON webhook_execution_group (newest_at, newest_id, records);
