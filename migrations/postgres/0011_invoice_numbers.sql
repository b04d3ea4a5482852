-- Invoice numbers: one gap-free sequence per calendar year (UTC), taken in the transaction that marks an
-- order paid, so a rolled-back payment gives its number back and no two orders share one.

ALTER TABLE orders ADD COLUMN invoice_number TEXT;
CREATE UNIQUE INDEX orders_invoice_number ON orders (invoice_number);

CREATE TABLE invoice_sequences (
  year BIGINT PRIMARY KEY,
  last_number BIGINT NOT NULL
);
