-- Execution history. Runs unchanged on H2 2.x and PostgreSQL 12+:
-- TEXT is CHARACTER VARYING (not a LOB) on H2 2.x and unlimited text on PostgreSQL;
-- TIMESTAMP WITH TIME ZONE is an instant on both (the service writes UTC, to the microsecond).
CREATE TABLE webhook_execution (
    id          VARCHAR(36)              NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    action      VARCHAR(255)             NOT NULL,
    source      VARCHAR(16)              NOT NULL,
    caller      VARCHAR(255)             NOT NULL,
    duration_ms BIGINT                   NOT NULL,
    success     BOOLEAN                  NOT NULL,
    status_code INTEGER,
    error       TEXT,
    record      TEXT                     NOT NULL,
    -- The key every list pages by: newest first, time ranges, cursors, retention (oldest first). It also finds one
    -- record by id: an id is a time-ordered UUID whose first 48 bits are started_at's milliseconds. No index on id
    -- alone: one B-tree fewer to maintain on every insert.
    CONSTRAINT pk_webhook_execution PRIMARY KEY (started_at, id)
);

-- Newest first for one action, with cursor paging (the list orders by action first so H2 reads this index in order).
CREATE INDEX ix_webhook_execution_action ON webhook_execution (action, started_at, id);
-- Newest first among failures (or successes), the history's most asked question: without it a page of failures
-- reads twenty rows for each one it keeps when one call in twenty fails, and far more when failures are rare.
CREATE INDEX ix_webhook_execution_success ON webhook_execution (success, started_at, id);
