-- Organisation units (cơ quan, đơn vị, địa phương): province → departments/districts → communes.
-- The current tree lives in org_units.parent_id; every parent and every org code also keeps its
-- validity period so re-parenting (district level abolished 1 July 2025) and code changes keep
-- history. Dates are ISO text (YYYY-MM-DD) so both drivers return them unchanged.
CREATE TABLE org_units (
  id          text PRIMARY KEY,
  org_code    text NOT NULL,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('province', 'department', 'district', 'commune')),
  parent_id   text REFERENCES org_units (id),
  active      boolean NOT NULL DEFAULT true,
  sample      boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX org_units_org_code_uq ON org_units (org_code);
CREATE INDEX org_units_parent_idx ON org_units (parent_id);

CREATE TABLE org_unit_parent_history (
  org_unit_id text NOT NULL REFERENCES org_units (id),
  parent_id   text,
  valid_from  text NOT NULL CHECK (valid_from ~ '^\d{4}-\d{2}-\d{2}$'),
  valid_to    text CHECK (valid_to ~ '^\d{4}-\d{2}-\d{2}$'),
  PRIMARY KEY (org_unit_id, valid_from)
);

CREATE TABLE org_unit_codes (
  org_unit_id text NOT NULL REFERENCES org_units (id),
  org_code    text NOT NULL,
  valid_from  text NOT NULL CHECK (valid_from ~ '^\d{4}-\d{2}-\d{2}$'),
  valid_to    text CHECK (valid_to ~ '^\d{4}-\d{2}-\d{2}$'),
  PRIMARY KEY (org_unit_id, valid_from)
);
CREATE INDEX org_unit_codes_code_idx ON org_unit_codes (org_code);

-- Old → new after a merger, so reports of a merged unit can be traced to its successor.
CREATE TABLE org_unit_transitions (
  from_unit_id text NOT NULL REFERENCES org_units (id),
  to_unit_id   text NOT NULL REFERENCES org_units (id),
  effective_on text NOT NULL CHECK (effective_on ~ '^\d{4}-\d{2}-\d{2}$'),
  note         text,
  PRIMARY KEY (from_unit_id, to_unit_id)
);
