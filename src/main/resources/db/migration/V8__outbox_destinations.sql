-- Everything that leaves after a commit is an outbox row: order events, messages to the ERP, documents for EDI
-- partners. Each row names its destination (the route direct:outbound-<destination> sends it) and the message
-- headers it leaves with. A row that a destination keeps refusing is parked after a few attempts, with the process
-- exception that records it; a retry of that exception puts the row back.
ALTER TABLE outbox ADD COLUMN destination VARCHAR(40) NOT NULL DEFAULT 'order-events';
ALTER TABLE outbox ADD COLUMN headers TEXT;
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN parked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE outbox ADD COLUMN process_exception VARCHAR(20);
ALTER TABLE outbox ALTER COLUMN event_id SET DATA TYPE VARCHAR(100);
DROP INDEX ix_outbox_pending;
CREATE INDEX ix_outbox_pending ON outbox (destination, published_at, parked_at, id);

INSERT INTO outbox_relay_lock (name) VALUES ('erp-fulfillment-orders');
INSERT INTO outbox_relay_lock (name) VALUES ('partner-edi');
