-- Data quality, additions to the dq tables of 10_schema.sql: the reason of each expectation in
-- words, and a view that answers "what failed in the last run".

ALTER TABLE dq.expectation_results ADD COLUMN IF NOT EXISTS reason VARCHAR;
COMMENT ON COLUMN dq.expectation_results.reason IS 'What a failure means, in words (the reason a quarantined row is given)';

COMMENT ON COLUMN dq.validation_runs.stage IS 'raw, clean, extract, facts or dimensions';
COMMENT ON COLUMN dq.expectation_results.stage IS 'raw, clean, extract, facts or dimensions';
COMMENT ON COLUMN dq.expectation_results.observed_value IS 'What GX observed: a table-level value, or "k of n rows unexpected" for a row check';
COMMENT ON COLUMN dq.expectation_results.unexpected_examples IS 'JSON list of the first failing rows, each with its key and the columns that explain the failure';

CREATE OR REPLACE VIEW dq.last_run_failures AS
SELECT r.run_id, r.stage, r.suite, r.expectation, r.severity, r.column_name, r.unexpected_count,
       r.observed_value, r.reason, r.unexpected_examples, r.checked_at
FROM dq.expectation_results r
WHERE NOT r.success
  AND r.run_id = (SELECT run_id FROM ops.runs ORDER BY started_at DESC LIMIT 1)
ORDER BY CASE r.severity WHEN 'gate' THEN 0 WHEN 'quarantine' THEN 1 ELSE 2 END, r.stage, r.suite, r.expectation;
COMMENT ON VIEW dq.last_run_failures IS 'Expectations that failed in the most recent run, gate first, then quarantine, then warn.';
