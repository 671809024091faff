-- The console's per-unit charts (issue 14) at history size.
--
-- "Which indicators has this unit reported": the primary key leads with submission_id, so each
-- indicator the unit never reported meant probing every one of the unit's submissions. Which
-- (unit, indicator) pairs have any value at all is kept here by a statement-level trigger (one
-- INSERT … ON CONFLICT DO NOTHING per statement, so saving a report stays one round of work).
-- It only grows: a pair whose values were later removed stays, and the read service confirms
-- each pair against the approved submissions, so it can only skip indicators, never invent one.
CREATE TABLE submission_unit_indicators (
  org_unit_id    text NOT NULL,
  indicator_code text NOT NULL,
  PRIMARY KEY (org_unit_id, indicator_code)
);

INSERT INTO submission_unit_indicators (org_unit_id, indicator_code)
SELECT DISTINCT s.org_unit_id, v.indicator_code FROM submission_values v JOIN submissions s ON s.id = v.submission_id;

CREATE FUNCTION submission_unit_indicators_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO submission_unit_indicators (org_unit_id, indicator_code)
  SELECT DISTINCT s.org_unit_id, n.indicator_code FROM new_rows n JOIN submissions s ON s.id = n.submission_id
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER submission_unit_indicators_ins AFTER INSERT ON submission_values
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION submission_unit_indicators_ins();

-- "This indicator's series for the unit": one probe per submission of the unit, answered from
-- the index alone (column, disaggregation and value included) rather than from the heap.
CREATE INDEX submission_values_indicator_idx ON submission_values (indicator_code, submission_id) INCLUDE (column_code, disaggregation_key, value);

-- The series' periods, one skip-scan step each, and in each the approved report changed last.
CREATE INDEX submissions_unit_period_updated_idx ON submissions (org_unit_id, period_key, updated_at DESC, id DESC);
