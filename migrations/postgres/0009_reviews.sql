-- Product reviews: one live review per customer and product; deleting one only marks it (deleted_at), so a
-- customer may write a new one afterwards. Products keep rating_average_x100 and rating_count (live,
-- non-hidden reviews) up to date in the transaction of every review write.

CREATE TABLE reviews (
  id TEXT COLLATE "C" PRIMARY KEY,                       -- rev_…, time-ordered
  product_id TEXT COLLATE "C" NOT NULL REFERENCES products (id),
  author_id TEXT COLLATE "C" NOT NULL REFERENCES users (id),
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  verified_purchase BOOLEAN NOT NULL DEFAULT FALSE,
  hidden BOOLEAN NOT NULL DEFAULT FALSE,        -- hidden by an admin: not shown to the public, not counted
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT
);
CREATE UNIQUE INDEX reviews_one_per_author ON reviews (product_id, author_id) WHERE deleted_at IS NULL;
CREATE INDEX reviews_product_created ON reviews (product_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX reviews_product_rating ON reviews (product_id, rating, created_at, id) WHERE deleted_at IS NULL;
