-- Duplicate keys in their scope. Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.

-- A shipment id is the ERP's, unique per fulfillment order (an ERP may reuse numbers across warehouses); the
-- shipments table is rebuilt for the new primary key, the same way on PostgreSQL and H2.
CREATE TABLE shipments_scoped (
    fulfillment_order_id VARCHAR(40)  NOT NULL REFERENCES fulfillment_orders (id),
    id                   VARCHAR(100) NOT NULL,
    order_id             VARCHAR(40)  NOT NULL REFERENCES orders (id),
    document             TEXT         NOT NULL,
    invoiced             BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_shipments PRIMARY KEY (fulfillment_order_id, id)
);
INSERT INTO shipments_scoped (fulfillment_order_id, id, order_id, document, invoiced, created_at)
    SELECT fulfillment_order_id, id, order_id, document, invoiced, created_at FROM shipments;
DROP TABLE shipments;
ALTER TABLE shipments_scoped RENAME TO shipments;
CREATE INDEX ix_shipments_order ON shipments (order_id);

-- An invoice per shipment, so unique per fulfillment order too. The old single-column constraint has no name both
-- databases share: the column is replaced, which drops it.
ALTER TABLE invoices ADD COLUMN fulfillment_order_id VARCHAR(40);
ALTER TABLE invoices ADD COLUMN scoped_shipment_id VARCHAR(100);
UPDATE invoices SET scoped_shipment_id = shipment_id,
    fulfillment_order_id = (SELECT s.fulfillment_order_id FROM shipments s WHERE s.id = invoices.shipment_id);
ALTER TABLE invoices DROP COLUMN shipment_id;
ALTER TABLE invoices RENAME COLUMN scoped_shipment_id TO shipment_id;
ALTER TABLE invoices ALTER COLUMN shipment_id SET NOT NULL;
ALTER TABLE invoices ALTER COLUMN fulfillment_order_id SET NOT NULL;
ALTER TABLE invoices ADD CONSTRAINT uq_invoices_shipment UNIQUE (fulfillment_order_id, shipment_id);

-- An inventory recordId is unique per location: the location joins the key's scope.
UPDATE idempotency_keys SET scope = 'inventory-record:' || target_id WHERE scope = 'inventory-record';
