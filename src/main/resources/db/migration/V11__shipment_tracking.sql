-- Carrier tracking of shipments. Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
-- tracking_code: the carrier's tracking code, by which a tracker's webhook finds its shipments;
-- tracker_id: the carrier's tracker once it is made; tracker_error: why the carrier refused it for good.
ALTER TABLE shipments ADD COLUMN tracking_code VARCHAR(100);
ALTER TABLE shipments ADD COLUMN tracker_id VARCHAR(100);
ALTER TABLE shipments ADD COLUMN tracker_error TEXT;
CREATE INDEX ix_shipments_tracking_code ON shipments (tracking_code);
-- shipments recorded before trackers existed are not tracked afterwards
UPDATE shipments SET tracker_error = 'recorded before carrier trackers';
