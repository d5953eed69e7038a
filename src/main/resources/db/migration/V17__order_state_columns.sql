-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
-- What changes as an order moves lives in columns, so that a step rewrites the order's document only when the
-- document itself changes (at intake, when priced, when amended), not on every status change: status and version
-- were columns already, line quantities are the order_lines rows; now also the hold (held_from), the count of
-- active process exceptions and the payment summary (JSON). A row whose payment is NULL was last written before
-- this migration: its document holds all of it.
ALTER TABLE orders ADD COLUMN held_from VARCHAR(32);
ALTER TABLE orders ADD COLUMN active_exceptions INTEGER;
ALTER TABLE orders ADD COLUMN payment TEXT;
-- Units of a line sent again (reships); NULL on a line last written before this migration: its order's document
-- has the figure.
ALTER TABLE order_lines ADD COLUMN reshipped INTEGER;
