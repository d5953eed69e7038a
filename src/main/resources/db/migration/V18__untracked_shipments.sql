-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
-- The trackers' retry looks for shipments still without a tracker (tracker_id NULL), oldest first: by index, not by
-- reading every shipment ever made (a full scan of a million shipments took about 0.3 s, every sweep).
CREATE INDEX ix_shipments_untracked ON shipments (tracker_id, created_at);
