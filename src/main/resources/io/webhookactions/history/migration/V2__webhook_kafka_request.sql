-- The Kafka mode's shared idempotency guard (docs/scaling.md): one row per request id and consumer group, claimed
-- by the instance that executes it and holding its result record once done, so that an instance taking over a
-- partition after a crash answers a redelivered request with the stored result instead of calling the upstream again.
-- Runs unchanged on H2 2.x and PostgreSQL 12+, like V1 (TEXT is CHARACTER VARYING on H2 2.x, unlimited on PostgreSQL;
-- TIMESTAMP WITH TIME ZONE is an instant on both, written in UTC to the microsecond).
CREATE TABLE webhook_kafka_request (
    -- Scopes the id: two deployments (consumer groups) sharing one database may use the same ids.
    consumer_group VARCHAR(255)             NOT NULL,
    -- A request's "id" is at most 200 characters (the request record refuses longer ones).
    id             VARCHAR(200)             NOT NULL,
    -- SHA-256 (hex) of the request with its keys sorted: an id reused by a different request is refused.
    fingerprint    VARCHAR(64)              NOT NULL,
    -- The instance executing it: host, process id and a random part.
    claimed_by     VARCHAR(255)             NOT NULL,
    -- When it was claimed: a claim without result older than the claim timeout is taken over; a row older than the
    -- idempotency window is deleted.
    claimed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The result record, as written to the results topic; null while the claimant executes.
    result         TEXT,
    CONSTRAINT pk_webhook_kafka_request PRIMARY KEY (consumer_group, id)
);

-- The background cleanup deletes a group's oldest rows first.
CREATE INDEX ix_webhook_kafka_request_claimed_at ON webhook_kafka_request (consumer_group, claimed_at);
