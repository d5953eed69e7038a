-- Return orders (RMA) of fulfilled order lines. Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
-- number: the RMA number (RMA-00000001) from return_order_number_seq; document: the return order as JSON, its lines
-- and receipts included. A return order changes only under its order's row lock.
CREATE SEQUENCE return_order_number_seq START WITH 1;
CREATE TABLE return_orders (
    number     VARCHAR(20) PRIMARY KEY,
    order_id   VARCHAR(40) NOT NULL REFERENCES orders (id),
    status     VARCHAR(30) NOT NULL,
    document   TEXT        NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_return_orders_order ON return_orders (order_id);
CREATE INDEX ix_return_orders_status ON return_orders (status);

-- A receipt counts once: the same receiptId of a return order again changes nothing.
CREATE TABLE return_receipts (
    return_order VARCHAR(20)  NOT NULL REFERENCES return_orders (number),
    receipt_id   VARCHAR(100) NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (return_order, receipt_id)
);

INSERT INTO outbox_relay_lock (name) VALUES ('erp-return-orders');
