-- The stock-movement ledger: every change of a variant's stock is one row here, written in the same
-- transaction as the change, so that a variant's stock always equals the sum of its movements.

CREATE TABLE stock_movements (
  id TEXT PRIMARY KEY,                      -- mov_…, time-ordered
  variant_id TEXT NOT NULL REFERENCES product_variants (id),
  product_id TEXT NOT NULL REFERENCES products (id),
  delta BIGINT NOT NULL,                    -- signed change
  level BIGINT NOT NULL CHECK (level >= 0),  -- the variant's stock after it
  reason TEXT NOT NULL,                     -- opening, adjustment, order_reserved, order_cancelled, order_expired, restock
  note TEXT NOT NULL DEFAULT '',            -- the free-text reason a person gave
  actor_id TEXT,                            -- the user; NULL for the system
  order_id TEXT,                            -- ord_… for order movements
  created_at BIGINT NOT NULL
);
CREATE INDEX stock_movements_product ON stock_movements (product_id, created_at, id);
CREATE INDEX stock_movements_variant ON stock_movements (variant_id, created_at, id);
CREATE INDEX stock_movements_order ON stock_movements (order_id) WHERE order_id IS NOT NULL;

-- The ledger starts with what every variant holds now (deleted ones too: their stock is kept), so the
-- invariant holds on data older than the ledger. The id reuses the variant's time-ordered body.
INSERT INTO stock_movements (id, variant_id, product_id, delta, level, reason, note, actor_id, order_id, created_at)
SELECT 'mov_' || substr(id, 5), id, product_id, stock, stock, 'opening', 'ledger started', NULL, NULL, created_at
FROM product_variants WHERE stock > 0;

