-- Coupons, their redemptions, carts and wishlists. SQLite compares text byte by byte (BINARY), as the
-- PostgreSQL tables do with their "C" collation.

CREATE TABLE coupons (
  id TEXT PRIMARY KEY,            -- cpn_…
  code TEXT NOT NULL,                         -- as the admin wrote it
  code_key TEXT NOT NULL,         -- lower-cased code: unique among live coupons without regard to case
  type TEXT NOT NULL CHECK (type IN ('percentage', 'fixed', 'free_shipping')),
  value BIGINT NOT NULL DEFAULT 0,            -- whole percent (1..100), minor units (fixed) or 0 (free_shipping)
  currency TEXT,                              -- ISO 4217; required for fixed, optional otherwise
  min_subtotal BIGINT NOT NULL DEFAULT 0,     -- minor units of the basket's whole subtotal
  starts_at BIGINT,
  expires_at BIGINT,
  usage_limit BIGINT,                         -- NULL: unlimited
  per_customer_limit BIGINT,                  -- NULL: unlimited
  times_used BIGINT NOT NULL DEFAULT 0 CHECK (times_used >= 0),
  active BOOLEAN NOT NULL DEFAULT TRUE,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT                           -- soft-deleted: redemptions keep their coupon
);
CREATE UNIQUE INDEX coupons_code ON coupons (code_key) WHERE deleted_at IS NULL;
CREATE INDEX coupons_newest ON coupons (created_at, id);

-- The scope: a coupon with rows here applies only to these products and to products in these categories
-- (or their descendants). Categories have no foreign key: a deleted category then matches nothing, instead
-- of blocking the category's deletion or widening the coupon to the whole basket.
CREATE TABLE coupon_products (
  coupon_id TEXT NOT NULL REFERENCES coupons (id),
  product_id TEXT NOT NULL REFERENCES products (id),
  PRIMARY KEY (coupon_id, product_id)
);
CREATE TABLE coupon_categories (
  coupon_id TEXT NOT NULL REFERENCES coupons (id),
  category_id TEXT NOT NULL,
  PRIMARY KEY (coupon_id, category_id)
);

-- One row per order that used a coupon, written in the order's transaction.
CREATE TABLE coupon_redemptions (
  coupon_id TEXT NOT NULL REFERENCES coupons (id),
  customer_id TEXT NOT NULL REFERENCES users (id),
  order_id TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (coupon_id, order_id)
);
CREATE INDEX coupon_redemptions_customer ON coupon_redemptions (coupon_id, customer_id);

-- One cart per customer: its coupon and when it last changed; its lines in cart_items.
CREATE TABLE carts (
  customer_id TEXT PRIMARY KEY REFERENCES users (id),
  coupon_code TEXT,                           -- as the customer typed it; checked again on every read
  updated_at BIGINT NOT NULL
);
CREATE TABLE cart_items (
  id TEXT PRIMARY KEY,            -- item_…
  customer_id TEXT NOT NULL REFERENCES carts (customer_id),
  product_id TEXT NOT NULL REFERENCES products (id),
  variant_id TEXT NOT NULL REFERENCES product_variants (id),
  quantity BIGINT NOT NULL CHECK (quantity > 0),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX cart_items_variant ON cart_items (customer_id, variant_id);

CREATE TABLE wishlist_items (
  customer_id TEXT NOT NULL REFERENCES users (id),
  product_id TEXT NOT NULL REFERENCES products (id),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (customer_id, product_id)
);
CREATE INDEX wishlist_items_newest ON wishlist_items (customer_id, created_at, product_id);
