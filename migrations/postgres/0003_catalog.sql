-- Catalog: the category tree, products with their variants, attributes and images, and the search index.
-- Identifiers, slugs, sort keys and search terms use the "C" collation so that PostgreSQL orders and compares
-- them byte by byte, exactly as SQLite does: the same query gives the same order on both backends.

CREATE TABLE categories (
  id TEXT COLLATE "C" PRIMARY KEY,
  parent_id TEXT COLLATE "C" REFERENCES categories (id),
  slug TEXT COLLATE "C" NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  path TEXT COLLATE "C" NOT NULL,    -- '/<root id>/…/<own id>/': descendants are the rows whose path starts with it
  position BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX categories_slug ON categories (slug);
CREATE INDEX categories_parent ON categories (parent_id, position, id);
CREATE INDEX categories_path ON categories (path);

CREATE TABLE products (
  id TEXT COLLATE "C" PRIMARY KEY,
  vendor_id TEXT COLLATE "C" NOT NULL REFERENCES users (id),
  category_id TEXT COLLATE "C" REFERENCES categories (id),
  slug TEXT COLLATE "C" NOT NULL,
  name TEXT NOT NULL,
  sort_name TEXT COLLATE "C" NOT NULL,   -- the name folded to lower-case ASCII, for sort=name
  description TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('draft', 'active', 'archived')),
  currency TEXT NOT NULL,
  price BIGINT NOT NULL,                 -- the lowest price of its live variants, in minor units
  in_stock BOOLEAN NOT NULL,             -- some live variant has stock
  attributes TEXT NOT NULL DEFAULT '{}', -- JSON object name → value, as given (product_attributes indexes it)
  rating_average_x100 BIGINT NOT NULL DEFAULT 0,  -- the average rating × 100, rounded: exact in every comparison
  rating_count BIGINT NOT NULL DEFAULT 0,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  archived_at BIGINT
);
CREATE UNIQUE INDEX products_slug ON products (slug);
CREATE INDEX products_newest ON products (status, created_at, id);
CREATE INDEX products_price ON products (status, price, id);
CREATE INDEX products_name ON products (status, sort_name, id);
CREATE INDEX products_rating ON products (status, rating_average_x100, id);
CREATE INDEX products_category ON products (category_id, status, created_at, id);
CREATE INDEX products_vendor ON products (vendor_id, status, created_at, id);

CREATE TABLE product_variants (
  id TEXT COLLATE "C" PRIMARY KEY,
  product_id TEXT COLLATE "C" NOT NULL REFERENCES products (id),
  sku TEXT NOT NULL,
  sku_key TEXT COLLATE "C" NOT NULL,     -- lower-cased SKU: unique in the store without regard to case
  options TEXT NOT NULL DEFAULT '{}',    -- JSON object option → value; '{}' for a product's default variant
  price BIGINT NOT NULL CHECK (price >= 0),
  stock BIGINT NOT NULL DEFAULT 0 CHECK (stock >= 0),
  low_stock_threshold BIGINT NOT NULL DEFAULT 0,
  is_default BOOLEAN NOT NULL DEFAULT FALSE,
  position BIGINT NOT NULL DEFAULT 0,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT                      -- removed from sale; kept for past orders and the stock ledger
);
CREATE UNIQUE INDEX product_variants_sku ON product_variants (sku_key) WHERE deleted_at IS NULL;
CREATE INDEX product_variants_product ON product_variants (product_id, position, id);

CREATE TABLE product_attributes (
  product_id TEXT COLLATE "C" NOT NULL REFERENCES products (id),
  name TEXT COLLATE "C" NOT NULL,
  value TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (product_id, name)
);
CREATE INDEX product_attributes_value ON product_attributes (name, value, product_id);

CREATE TABLE product_images (
  id TEXT COLLATE "C" PRIMARY KEY,
  product_id TEXT COLLATE "C" NOT NULL REFERENCES products (id),
  position BIGINT NOT NULL DEFAULT 0,
  alt TEXT NOT NULL DEFAULT '',
  width BIGINT NOT NULL,
  height BIGINT NOT NULL,
  files TEXT NOT NULL,                   -- JSON object rendition → media key
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX product_images_product ON product_images (product_id, position, id);

-- The search index, the same tables on both backends so that ranking is identical: one row per distinct
-- normalised word of a product with the weight of the most important field it appears in, the vocabulary of
-- every word ever indexed, and the vocabulary's trigrams for typo-tolerant lookups.
CREATE TABLE search_terms (
  term TEXT COLLATE "C" NOT NULL,
  product_id TEXT COLLATE "C" NOT NULL REFERENCES products (id),
  weight BIGINT NOT NULL,
  PRIMARY KEY (term, product_id)
);
CREATE INDEX search_terms_product ON search_terms (product_id);

CREATE TABLE search_vocabulary (
  term TEXT COLLATE "C" PRIMARY KEY
);

CREATE TABLE search_vocabulary_trigrams (
  trigram TEXT COLLATE "C" NOT NULL,
  term TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (trigram, term)
);
