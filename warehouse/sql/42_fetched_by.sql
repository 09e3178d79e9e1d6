-- Distributed fetching: which process made each attempt (fetch tasks run on the task runner's
-- workers; the flow's own process plans and lands). Idempotent, for warehouses made before.
ALTER TABLE raw.fetch_log ADD COLUMN IF NOT EXISTS fetched_by VARCHAR;
COMMENT ON COLUMN raw.fetch_log.fetched_by IS 'Process that made the attempt or decision, as hostname:pid: a task-runner worker for article pages, the flow''s own process for feeds, sitemaps, robots.txt and link decisions';
