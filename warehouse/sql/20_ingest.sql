-- Ingestion from the web: what each fetch returned (raw.documents columns), the feeds, sitemaps
-- and home pages read (raw.discovery_documents), every attempt (raw.fetch_log), and the
-- signatures that find the same story under several URLs (core.article_signatures).

ALTER TABLE raw.documents ADD COLUMN IF NOT EXISTS final_url VARCHAR;
ALTER TABLE raw.documents ADD COLUMN IF NOT EXISTS headers VARCHAR;
ALTER TABLE raw.documents ADD COLUMN IF NOT EXISTS etag VARCHAR;
ALTER TABLE raw.documents ADD COLUMN IF NOT EXISTS last_modified VARCHAR;
ALTER TABLE raw.documents ADD COLUMN IF NOT EXISTS fetched_at TIMESTAMPTZ;
ALTER TABLE raw.documents ADD COLUMN IF NOT EXISTS discovered_from VARCHAR;
ALTER TABLE raw.documents ADD COLUMN IF NOT EXISTS lang_hint VARCHAR;
ALTER TABLE raw.documents ADD COLUMN IF NOT EXISTS date_hint VARCHAR;
COMMENT ON COLUMN raw.documents.final_url IS 'URL of the last response after redirects (null for local files)';
COMMENT ON COLUMN raw.documents.headers IS 'HTTP response headers as a JSON object (lower-case names)';
COMMENT ON COLUMN raw.documents.etag IS 'ETag response header, sent back as If-None-Match when the page is refreshed';
COMMENT ON COLUMN raw.documents.last_modified IS 'Last-Modified response header, sent back as If-Modified-Since when the page is refreshed';
COMMENT ON COLUMN raw.documents.fetched_at IS 'When the response was received (UTC; null for local files)';
COMMENT ON COLUMN raw.documents.discovered_from IS 'The feed, sitemap or home page that linked to it (null when the source named it)';
COMMENT ON COLUMN raw.documents.lang_hint IS 'Language given by the source config or the feed, used when the page does not say';
COMMENT ON COLUMN raw.documents.date_hint IS 'Publication date given by the feed or sitemap (YYYY-MM-DD), used when the page has none';

CREATE TABLE IF NOT EXISTS raw.discovery_documents (
    document_id   VARCHAR PRIMARY KEY,
    url           VARCHAR NOT NULL,
    kind          VARCHAR,
    source_name   VARCHAR,
    final_url     VARCHAR,
    http_status   INTEGER,
    content_type  VARCHAR,
    headers       VARCHAR,
    etag          VARCHAR,
    last_modified VARCHAR,
    body          BLOB,
    n_bytes       BIGINT,
    n_links       BIGINT,
    note          VARCHAR,
    fetched_at    TIMESTAMPTZ,
    first_run_id  VARCHAR,
    landed_at     TIMESTAMPTZ
);
COMMENT ON TABLE raw.discovery_documents IS 'Feeds, sitemaps and home pages as fetched, bytes and headers included: a later run asks for them conditionally and re-reads this copy on a 304.';
COMMENT ON COLUMN raw.discovery_documents.document_id IS 'Hash of URL and bytes: an unchanged feed lands once';
COMMENT ON COLUMN raw.discovery_documents.url IS 'The URL requested';
COMMENT ON COLUMN raw.discovery_documents.kind IS 'feed, sitemap or site (a home page searched for feeds and sitemaps)';
COMMENT ON COLUMN raw.discovery_documents.source_name IS 'Name of the configured source it belongs to';
COMMENT ON COLUMN raw.discovery_documents.final_url IS 'URL of the last response after redirects';
COMMENT ON COLUMN raw.discovery_documents.http_status IS 'HTTP status of the response';
COMMENT ON COLUMN raw.discovery_documents.content_type IS 'Media type of the response';
COMMENT ON COLUMN raw.discovery_documents.headers IS 'HTTP response headers as a JSON object';
COMMENT ON COLUMN raw.discovery_documents.etag IS 'ETag header, sent back as If-None-Match next time';
COMMENT ON COLUMN raw.discovery_documents.last_modified IS 'Last-Modified header, sent back as If-Modified-Since next time';
COMMENT ON COLUMN raw.discovery_documents.body IS 'The bytes as received (decompressed when the transfer was gzip or deflate)';
COMMENT ON COLUMN raw.discovery_documents.n_bytes IS 'Size of body in bytes';
COMMENT ON COLUMN raw.discovery_documents.n_links IS 'Links (articles or nested sitemaps) found in it';
COMMENT ON COLUMN raw.discovery_documents.note IS 'What was odd about it, e.g. malformed XML partly recovered';
COMMENT ON COLUMN raw.discovery_documents.fetched_at IS 'When the response was received (UTC)';
COMMENT ON COLUMN raw.discovery_documents.first_run_id IS 'The run that first landed it';
COMMENT ON COLUMN raw.discovery_documents.landed_at IS 'When it was first landed (UTC)';

CREATE TABLE IF NOT EXISTS raw.fetch_log (
    run_id        VARCHAR,
    fetched_at    TIMESTAMPTZ,
    source_name   VARCHAR,
    kind          VARCHAR,
    url           VARCHAR,
    attempt       INTEGER,
    hop           INTEGER,
    outcome       VARCHAR,
    http_status   INTEGER,
    reason        VARCHAR,
    retryable     BOOLEAN,
    final_url     VARCHAR,
    content_type  VARCHAR,
    n_bytes       BIGINT,
    elapsed_ms    BIGINT,
    etag          VARCHAR,
    last_modified VARCHAR,
    headers       VARCHAR,
    document_id   VARCHAR,
    n_links       BIGINT
);
COMMENT ON TABLE raw.fetch_log IS 'Every HTTP attempt of every run (retries and redirect hops included) and every decision not to fetch (already landed, filtered, refused), with its outcome and reason.';
COMMENT ON COLUMN raw.fetch_log.run_id IS 'The run';
COMMENT ON COLUMN raw.fetch_log.fetched_at IS 'When the attempt ended or the decision was taken (UTC)';
COMMENT ON COLUMN raw.fetch_log.source_name IS 'Name of the configured source';
COMMENT ON COLUMN raw.fetch_log.kind IS 'page, feed, sitemap, site, source (a named URL of unknown kind), robots, links (a decision about links) or file';
COMMENT ON COLUMN raw.fetch_log.url IS 'The URL requested (for kind links: the feed or sitemap the links came from)';
COMMENT ON COLUMN raw.fetch_log.attempt IS 'Attempt number, from 1 (0: refused before any request)';
COMMENT ON COLUMN raw.fetch_log.hop IS 'Redirect hop, from 0';
COMMENT ON COLUMN raw.fetch_log.outcome IS 'ok, not_modified (304), redirect, retry, failed, refused (address policy or robots.txt), skipped or filtered';
COMMENT ON COLUMN raw.fetch_log.http_status IS 'HTTP status (null when no response came)';
COMMENT ON COLUMN raw.fetch_log.reason IS 'Why it failed, was refused, skipped or filtered, in words';
COMMENT ON COLUMN raw.fetch_log.retryable IS 'True when a later run may succeed (5xx, 429, timeouts, network errors): the URL is tried again';
COMMENT ON COLUMN raw.fetch_log.final_url IS 'URL that answered (for kind links: the first link concerned)';
COMMENT ON COLUMN raw.fetch_log.content_type IS 'Media type of the response';
COMMENT ON COLUMN raw.fetch_log.n_bytes IS 'Bytes received (after decompression)';
COMMENT ON COLUMN raw.fetch_log.elapsed_ms IS 'Duration of the attempt, politeness wait included, in milliseconds';
COMMENT ON COLUMN raw.fetch_log.etag IS 'ETag response header';
COMMENT ON COLUMN raw.fetch_log.last_modified IS 'Last-Modified response header';
COMMENT ON COLUMN raw.fetch_log.headers IS 'Response headers as a JSON object';
COMMENT ON COLUMN raw.fetch_log.document_id IS 'The raw.documents row the response became, if any';
COMMENT ON COLUMN raw.fetch_log.n_links IS 'For kind links: how many links the decision concerns';

ALTER TABLE core.articles ADD COLUMN IF NOT EXISTS duplicate_of VARCHAR;
ALTER TABLE core.articles ADD COLUMN IF NOT EXISTS author VARCHAR;
ALTER TABLE core.articles ADD COLUMN IF NOT EXISTS encoding VARCHAR;
ALTER TABLE core.articles ADD COLUMN IF NOT EXISTS encoding_errors BIGINT;
COMMENT ON COLUMN core.articles.duplicate_of IS 'article_id of the first copy of the same story (near-duplicate text under another URL); null for a first copy';
COMMENT ON COLUMN core.articles.author IS 'Author(s) named by the page';
COMMENT ON COLUMN core.articles.encoding IS 'Character encoding the bytes were decoded with';
COMMENT ON COLUMN core.articles.encoding_errors IS 'Bytes that were not valid in that encoding and became U+FFFD';

ALTER TABLE marts.dim_articles ADD COLUMN IF NOT EXISTS duplicate_of VARCHAR;
COMMENT ON COLUMN marts.dim_articles.duplicate_of IS 'article_id of the first copy of the same story (a wire story on several sites): count a story once with coalesce(duplicate_of, article_id)';

CREATE TABLE IF NOT EXISTS core.article_signatures (
    article_id    VARCHAR PRIMARY KEY,
    content_hash  VARCHAR,
    minhash       BLOB,
    bands         BIGINT[],
    duplicate_of  VARCHAR,
    first_seen_at TIMESTAMPTZ
);
COMMENT ON TABLE core.article_signatures IS 'MinHash signature of each article body and its LSH band keys: new articles are compared with these to find identical and near-identical copies.';
COMMENT ON COLUMN core.article_signatures.article_id IS 'The article (core.articles)';
COMMENT ON COLUMN core.article_signatures.content_hash IS 'SHA-1 of the clean text: equal hashes under two URLs are one article';
COMMENT ON COLUMN core.article_signatures.minhash IS 'MinHash of the body''s word 4-grams (128 uint32, little-endian); null when the body is too short to compare';
COMMENT ON COLUMN core.article_signatures.bands IS 'LSH band keys of the MinHash: articles sharing one are compared';
COMMENT ON COLUMN core.article_signatures.duplicate_of IS 'First copy of the same story, as in core.articles.duplicate_of';
COMMENT ON COLUMN core.article_signatures.first_seen_at IS 'When the article was first seen: the earliest copy is the original';
