-- The order version whose change noted in the history that the order waits for stock: driving the order again
-- notes nothing more until the order changes (stock arrives, a line is canceled).
ALTER TABLE orders ADD COLUMN backorder_noted_version BIGINT;
