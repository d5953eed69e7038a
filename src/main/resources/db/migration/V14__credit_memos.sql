-- Credit memos: what the hub gives back for returned units (and, once a delivery group is all back, its delivery
-- charge). Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode. number: CM-00000001 from credit_memo_number_seq;
-- document: the credit memo as JSON, its lines, charges and refunds included. A credit memo changes only under its
-- order's row lock.
CREATE SEQUENCE credit_memo_number_seq START WITH 1;
CREATE TABLE credit_memos (
    number       VARCHAR(20)    PRIMARY KEY,
    order_id     VARCHAR(40)    NOT NULL REFERENCES orders (id),
    return_order VARCHAR(20),
    status       VARCHAR(30)    NOT NULL,
    total        NUMERIC(19, 4) NOT NULL,
    document     TEXT           NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_credit_memos_order ON credit_memos (order_id);

-- A card or prepaid order's credit memo is refunded against the order's captures: the split is fixed when the memo
-- is posted (what each capture still has after earlier refunds), so that every run asks the gateway with the same
-- amounts and keys. reference: the gateway's refund, once it answered.
CREATE TABLE credit_memo_refunds (
    credit_memo VARCHAR(20)    NOT NULL REFERENCES credit_memos (number),
    capture     VARCHAR(100)   NOT NULL,
    amount      NUMERIC(19, 4) NOT NULL,
    reference   VARCHAR(100),
    PRIMARY KEY (credit_memo, capture)
);

-- An order on terms: its credit memo settles what is open of the order's invoices, as a payment received does.
CREATE TABLE credit_memo_applications (
    credit_memo    VARCHAR(20)    NOT NULL REFERENCES credit_memos (number),
    invoice_number VARCHAR(20)    NOT NULL,
    amount         NUMERIC(19, 4) NOT NULL,
    PRIMARY KEY (credit_memo, invoice_number)
);
