-- List-type forms (biểu dạng danh sách): rows are records (projects, enterprises, ...) with typed
-- columns defined by the form (definition.list). Existing forms and submissions are untouched.
ALTER TABLE forms DROP CONSTRAINT IF EXISTS forms_type_check;
ALTER TABLE forms ADD CONSTRAINT forms_type_check CHECK (type IN ('data', 'narrative', 'list'));
ALTER TABLE submissions DROP CONSTRAINT IF EXISTS submissions_type_check;
ALTER TABLE submissions ADD CONSTRAINT submissions_type_check CHECK (type IN ('data', 'narrative', 'list'));

-- One record of a list report: its number in the list (1..n) and the typed values by column code.
-- Saving a list replaces all its records (the list is edited as a whole, like a sheet).
CREATE TABLE submission_list_records (
  submission_id text NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  row_no        integer NOT NULL CHECK (row_no >= 1),
  "values"      jsonb NOT NULL,
  entered_by    text NOT NULL,
  entered_at    timestamptz NOT NULL,
  PRIMARY KEY (submission_id, row_no)
);
