-- What the province last pushed of each catalog to the national system: one row per item with
-- the hash of its national form, and each catalog's version. A push sends only the items whose
-- hash changed (and the codes that disappeared) under version + 1; nothing changed, nothing sent.
CREATE TABLE exchange_catalog_versions (
  catalog_type text PRIMARY KEY,
  version      integer NOT NULL,
  packet_id    text,
  pushed_at    timestamptz NOT NULL
);

CREATE TABLE exchange_catalog_items (
  catalog_type text NOT NULL,
  item_code    text NOT NULL,
  item_hash    text NOT NULL,
  version      integer NOT NULL,
  PRIMARY KEY (catalog_type, item_code)
);
