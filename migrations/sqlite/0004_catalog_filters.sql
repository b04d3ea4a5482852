-- Covering indexes for what storefront lists combine, so that counting and facetting a filtered list reads
-- indexes alone instead of one table row per product. Measured on 10,000 products (SQLite): a category +
-- minPrice count went from 4 ms to 0.1 ms, the attribute facets of a department from 4.7 ms to 3 ms.
CREATE INDEX products_filter ON products (status, category_id, price, in_stock, rating_average_x100, vendor_id);
CREATE INDEX product_attributes_cover ON product_attributes (product_id, name, value);
