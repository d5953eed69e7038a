-- The kind of channel an order came in through (edi, jms, kafka, rest, file…), a column so that the outbox relay
-- can put it on every event of the order as a message property: subscribers filter with it (the EDI outbound
-- subscription takes only events of EDI orders) without reading the order.
ALTER TABLE orders ADD COLUMN source_kind VARCHAR(32);
