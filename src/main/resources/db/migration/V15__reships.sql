-- Reships: shipped units of an order sent again at no charge. Runs unchanged on PostgreSQL and on H2 in PostgreSQL
-- mode. number: RS-00000001 from reship_number_seq; document: the reship as JSON, its lines and fulfillment orders.
CREATE SEQUENCE reship_number_seq START WITH 1;
CREATE TABLE reships (
    number     VARCHAR(20) PRIMARY KEY,
    order_id   VARCHAR(40) NOT NULL REFERENCES orders (id),
    document   TEXT        NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_reships_order ON reships (order_id);

-- A fulfillment order made for a reship names it; its shipments are not invoiced.
ALTER TABLE fulfillment_orders ADD COLUMN reship VARCHAR(20);
