-- An invoice names the account whose balance it counts in (orders billed on terms only; NULL otherwise) and says
-- whether payments and credit memos have settled it, so that a credit decision sums the open invoices of one account
-- without reading the account's history (the index serves both).
ALTER TABLE invoices ADD COLUMN account_id VARCHAR(100);
ALTER TABLE invoices ADD COLUMN settled BOOLEAN DEFAULT FALSE NOT NULL;

UPDATE invoices SET account_id = (
    SELECT o.account_id FROM orders o
    WHERE o.id = invoices.order_id AND o.payment_method IN ('INVOICE', 'PURCHASE_ORDER'));

UPDATE invoices SET settled = TRUE
WHERE total <= COALESCE((SELECT SUM(a.amount) FROM account_payment_applications a WHERE a.invoice_number = invoices.number), 0)
    + COALESCE((SELECT SUM(c.amount) FROM credit_memo_applications c WHERE c.invoice_number = invoices.number), 0);

CREATE INDEX ix_invoices_account_open ON invoices (account_id, settled);
CREATE INDEX ix_credit_memo_applications_invoice ON credit_memo_applications (invoice_number);
