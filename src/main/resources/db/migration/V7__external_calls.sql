-- Every call that changes an outside system (a card authorised, an amount captured), under the idempotency key the
-- hub sends with it: the intent is committed before the call, the outcome after it, so a rerun finds the key and
-- asks again with it instead of acting twice. No foreign key: the intent never waits on a locked order row.
CREATE TABLE external_calls (
    idempotency_key VARCHAR(200)   PRIMARY KEY,
    order_id        VARCHAR(40)    NOT NULL,
    kind            VARCHAR(20)    NOT NULL,
    amount          NUMERIC(19, 4),
    status          VARCHAR(20)    NOT NULL,
    reference       VARCHAR(100),
    answer          TEXT,
    at              TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_external_calls_order ON external_calls (order_id);

-- An invoice is posted (its number and total fixed) before its amount is captured; it stays pending until the
-- order records it (INVOICED), so a rerun captures that invoice again under the same key instead of a new one.
ALTER TABLE invoices ADD COLUMN pending BOOLEAN NOT NULL DEFAULT FALSE;
