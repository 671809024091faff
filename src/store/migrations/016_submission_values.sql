-- Cell values of a data submission: indicator × column × disaggregation (phân tổ).
-- disaggregation_key is the sorted "k=v;k=v" form ('' for the total) so a cell is one row.
CREATE TABLE submission_values (
  submission_id      text NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  indicator_code     text NOT NULL,
  column_code        text NOT NULL,
  disaggregation_key text NOT NULL DEFAULT '',
  disaggregation     jsonb,
  value              numeric,
  entered_by         text NOT NULL,
  entered_at         timestamptz NOT NULL,
  PRIMARY KEY (submission_id, indicator_code, column_code, disaggregation_key)
);
