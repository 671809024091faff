-- Every change of a report cell, old → new, kept by the database itself (issue 15: "each cell
-- has an audit trail old → new, including changes after approval"). Triggers rather than the
-- application writing it, so no path can change a cell unrecorded: the web app, a correction
-- replacing the grid, an import, or a statement typed by hand into the database (recorded as
-- such: via_app false, with the database user and the time of the statement). The application
-- names itself by setting lienthong.actor for its transaction (set_config(..., true)) in the
-- statement that writes the cells.
CREATE TABLE submission_value_history (
  id                 bigserial PRIMARY KEY,
  submission_id      text NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  indicator_code     text NOT NULL,
  column_code        text NOT NULL,
  disaggregation_key text NOT NULL DEFAULT '',
  old_value          numeric,
  new_value          numeric,
  changed_by         text NOT NULL,
  changed_at         timestamptz NOT NULL,
  -- The report's state when the cell changed: a change after approval is visible as such.
  state              text,
  via_app            boolean NOT NULL
);
CREATE INDEX submission_value_history_cell_idx ON submission_value_history (submission_id, indicator_code, column_code, disaggregation_key, id);

-- Whether the statement that fired the trigger came from the application (see above).
CREATE FUNCTION submission_value_history_app() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('lienthong.actor', true), '') <> ''
$$;

CREATE FUNCTION submission_value_history_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO submission_value_history (submission_id, indicator_code, column_code, disaggregation_key, old_value, new_value, changed_by, changed_at, state, via_app)
  SELECT n.submission_id, n.indicator_code, n.column_code, n.disaggregation_key, NULL, n.value,
         CASE WHEN submission_value_history_app() THEN n.entered_by ELSE 'database:' || current_user END,
         CASE WHEN submission_value_history_app() THEN n.entered_at ELSE statement_timestamp() END,
         s.state, submission_value_history_app()
    FROM new_rows n LEFT JOIN submissions s ON s.id = n.submission_id
   WHERE n.value IS NOT NULL
   ORDER BY n.indicator_code, n.column_code, n.disaggregation_key;
  RETURN NULL;
END $$;

-- An update through the application: its actor and time (entered_by/entered_at); any other (a
-- hand-typed statement): the database user and the statement's time.
CREATE FUNCTION submission_value_history_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO submission_value_history (submission_id, indicator_code, column_code, disaggregation_key, old_value, new_value, changed_by, changed_at, state, via_app)
  SELECT n.submission_id, n.indicator_code, n.column_code, n.disaggregation_key, o.value, n.value,
         CASE WHEN submission_value_history_app() THEN n.entered_by ELSE 'database:' || current_user END,
         CASE WHEN submission_value_history_app() THEN n.entered_at ELSE statement_timestamp() END,
         s.state, submission_value_history_app()
    FROM new_rows n
    JOIN old_rows o ON o.submission_id = n.submission_id AND o.indicator_code = n.indicator_code
                   AND o.column_code = n.column_code AND o.disaggregation_key = n.disaggregation_key
    LEFT JOIN submissions s ON s.id = n.submission_id
   WHERE n.value IS DISTINCT FROM o.value
   ORDER BY n.indicator_code, n.column_code, n.disaggregation_key;
  RETURN NULL;
END $$;

-- A deleted cell (a correction that replaces the grid and drops it): recorded as old → empty,
-- by the actor the application names for its transaction (lienthong.actor), else the database user.
CREATE FUNCTION submission_value_history_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO submission_value_history (submission_id, indicator_code, column_code, disaggregation_key, old_value, new_value, changed_by, changed_at, state, via_app)
  SELECT o.submission_id, o.indicator_code, o.column_code, o.disaggregation_key, o.value, NULL,
         coalesce(nullif(current_setting('lienthong.actor', true), ''), 'database:' || current_user), statement_timestamp(), s.state,
         submission_value_history_app()
    FROM old_rows o JOIN submissions s ON s.id = o.submission_id
   WHERE o.value IS NOT NULL
   ORDER BY o.indicator_code, o.column_code, o.disaggregation_key;
  RETURN NULL;
END $$;

CREATE TRIGGER submission_value_history_ins AFTER INSERT ON submission_values
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION submission_value_history_ins();
CREATE TRIGGER submission_value_history_upd AFTER UPDATE ON submission_values
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION submission_value_history_upd();
CREATE TRIGGER submission_value_history_del AFTER DELETE ON submission_values
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION submission_value_history_del();

-- Rows of one statement are recorded in cell order, so the trail reads the same every time.

-- Comment threads on cells (author, time): the data entry explains a figure, the leader asks.
CREATE TABLE submission_cell_comments (
  id                 bigserial PRIMARY KEY,
  submission_id      text NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  indicator_code     text NOT NULL,
  column_code        text NOT NULL,
  disaggregation_key text NOT NULL DEFAULT '',
  author             text NOT NULL,
  author_name        text NOT NULL,
  org_unit_id        text NOT NULL,
  body               text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  created_at         timestamptz NOT NULL
);
CREATE INDEX submission_cell_comments_idx ON submission_cell_comments (submission_id, id);
