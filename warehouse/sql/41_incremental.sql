-- Incremental runs: which extractor version last read each article, so that a new version
-- re-extracts only what it must, and an unchanged article costs nothing.
ALTER TABLE core.articles ADD COLUMN IF NOT EXISTS extractor_version VARCHAR;
COMMENT ON COLUMN core.articles.extractor_version IS 'Version of the extractor that last extracted the article (null: not yet extracted)';
