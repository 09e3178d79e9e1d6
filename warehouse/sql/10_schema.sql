-- sitrep warehouse: raw -> core -> marts, with dq (data quality) and ops (runs) beside them.
-- Every statement is idempotent: the schema is applied at the start of every run.

CREATE SCHEMA IF NOT EXISTS raw;
CREATE SCHEMA IF NOT EXISTS core;
CREATE SCHEMA IF NOT EXISTS marts;
CREATE SCHEMA IF NOT EXISTS dq;
CREATE SCHEMA IF NOT EXISTS ops;

CREATE TABLE IF NOT EXISTS ops.runs (
    run_id        VARCHAR PRIMARY KEY,
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ,
    status        VARCHAR,
    sources       VARCHAR,
    n_documents   BIGINT,
    n_articles    BIGINT,
    n_casualties  BIGINT,
    n_deployments BIGINT,
    n_troop_counts BIGINT,
    message       VARCHAR
);
COMMENT ON TABLE ops.runs IS 'One row per pipeline run: when, over which sources, how it ended and what it published.';

CREATE TABLE IF NOT EXISTS raw.documents (
    document_id  VARCHAR PRIMARY KEY,
    source_uri   VARCHAR NOT NULL,
    source_name  VARCHAR,
    url          VARCHAR,
    content_type VARCHAR,
    charset      VARCHAR,
    http_status  INTEGER,
    status       VARCHAR NOT NULL,
    reason       VARCHAR,
    body         BLOB,
    n_bytes      BIGINT,
    first_run_id VARCHAR,
    landed_at    TIMESTAMPTZ
);
COMMENT ON TABLE raw.documents IS 'Every document read or fetched, as bytes, before any parsing; status ok or rejected with the reason. Keyed by a hash of source URI and bytes, so a re-read lands nothing new.';

CREATE TABLE IF NOT EXISTS raw.rejections (
    run_id      VARCHAR,
    document_id VARCHAR,
    source_uri  VARCHAR,
    stage       VARCHAR,
    reason      VARCHAR,
    rejected_at TIMESTAMPTZ
);
COMMENT ON TABLE raw.rejections IS 'Documents that could not be read, fetched or cleaned, per run, with the stage and the reason: nothing is lost silently.';

CREATE TABLE IF NOT EXISTS core.articles (
    article_id          VARCHAR PRIMARY KEY,
    document_id         VARCHAR,
    source_uri          VARCHAR,
    url                 VARCHAR,
    title               VARCHAR,
    source              VARCHAR,
    published_date      DATE,
    published_precision VARCHAR,
    language            VARCHAR,
    text                VARCHAR,
    headline_end        BIGINT,
    n_chars             BIGINT,
    content_hash        VARCHAR,
    run_id              VARCHAR,
    cleaned_at          TIMESTAMPTZ
);
COMMENT ON TABLE core.articles IS 'Clean articles: title and main text (every fact offset indexes this text) with their metadata.';

CREATE TABLE IF NOT EXISTS core.mentions (
    article_id        VARCHAR,
    mention_id        VARCHAR,
    kind              VARCHAR,
    outcome           VARCHAR,
    victim_group      VARCHAR,
    is_subset         BOOLEAN,
    sender            VARCHAR,
    receiver          VARCHAR,
    status            VARCHAR,
    actor             VARCHAR,
    count_low         BIGINT,
    count_best        BIGINT,
    count_high        BIGINT,
    qualifier         VARCHAR,
    country_iso3      VARCHAR,
    place             VARCHAR,
    event_date        DATE,
    date_precision    VARCHAR,
    quote             VARCHAR,
    char_start        BIGINT,
    char_end          BIGINT,
    section           VARCHAR,
    extractor_version VARCHAR,
    run_id            VARCHAR
);
COMMENT ON TABLE core.mentions IS 'Every mention the extractor found, before merging: one article can mention the same fact in its headline, a caption and the body.';

CREATE TABLE IF NOT EXISTS marts.dim_articles (
    article_id          VARCHAR PRIMARY KEY,
    source_uri          VARCHAR,
    url                 VARCHAR,
    title               VARCHAR,
    source              VARCHAR,
    published_date      DATE,
    published_precision VARCHAR,
    language            VARCHAR,
    n_chars             BIGINT,
    run_id              VARCHAR
);
COMMENT ON TABLE marts.dim_articles IS 'Published articles: one row per article whose facts are in the fact tables (contract table).';

CREATE TABLE IF NOT EXISTS marts.fact_casualties (
    fact_id           VARCHAR PRIMARY KEY,
    article_id        VARCHAR,
    outcome           VARCHAR,
    victim_group      VARCHAR,
    count_low         BIGINT,
    count_best        BIGINT,
    count_high        BIGINT,
    qualifier         VARCHAR,
    is_subset         BOOLEAN,
    country_iso3      VARCHAR,
    place             VARCHAR,
    event_date        DATE,
    date_precision    VARCHAR,
    quote             VARCHAR,
    char_start        BIGINT,
    char_end          BIGINT,
    mentions          VARCHAR,
    n_mentions        BIGINT,
    extractor_version VARCHAR,
    run_id            VARCHAR
);
COMMENT ON TABLE marts.fact_casualties IS 'People killed, injured, detained or missing: one row per (outcome, count) per article, as the article reports it (contract table).';

CREATE TABLE IF NOT EXISTS marts.fact_deployments (
    fact_id           VARCHAR PRIMARY KEY,
    article_id        VARCHAR,
    sender            VARCHAR,
    receiver          VARCHAR,
    status            VARCHAR,
    troops_low        BIGINT,
    troops_best       BIGINT,
    troops_high       BIGINT,
    qualifier         VARCHAR,
    place             VARCHAR,
    event_date        DATE,
    date_precision    VARCHAR,
    quote             VARCHAR,
    char_start        BIGINT,
    char_end          BIGINT,
    mentions          VARCHAR,
    n_mentions        BIGINT,
    extractor_version VARCHAR,
    run_id            VARCHAR
);
COMMENT ON TABLE marts.fact_deployments IS 'Armed forces sent, moved or withdrawn by one sender to/from one receiving country, one row per (sender, receiver) per article (contract table).';

CREATE TABLE IF NOT EXISTS marts.fact_troop_counts (
    fact_id           VARCHAR PRIMARY KEY,
    article_id        VARCHAR,
    actor             VARCHAR,
    country_iso3      VARCHAR,
    count_low         BIGINT,
    count_best        BIGINT,
    count_high        BIGINT,
    qualifier         VARCHAR,
    place             VARCHAR,
    event_date        DATE,
    date_precision    VARCHAR,
    quote             VARCHAR,
    char_start        BIGINT,
    char_end          BIGINT,
    mentions          VARCHAR,
    n_mentions        BIGINT,
    extractor_version VARCHAR,
    run_id            VARCHAR
);
COMMENT ON TABLE marts.fact_troop_counts IS 'Numbers of military or security personnel belonging to one actor, one row per (actor, count) per article (contract table).';

CREATE TABLE IF NOT EXISTS dq.validation_runs (
    run_id              VARCHAR,
    stage               VARCHAR,
    suite               VARCHAR,
    success             BOOLEAN,
    n_rows              BIGINT,
    n_expectations      BIGINT,
    n_failed            BIGINT,
    n_quarantined       BIGINT,
    gate_failed         BOOLEAN,
    checked_at          TIMESTAMPTZ
);
COMMENT ON TABLE dq.validation_runs IS 'One row per Great Expectations validation: the run, the stage, the suite and how it went.';

CREATE TABLE IF NOT EXISTS dq.expectation_results (
    run_id              VARCHAR,
    stage               VARCHAR,
    suite               VARCHAR,
    expectation         VARCHAR,
    column_name         VARCHAR,
    severity            VARCHAR,
    success             BOOLEAN,
    unexpected_count    BIGINT,
    observed_value      VARCHAR,
    unexpected_examples VARCHAR,
    checked_at          TIMESTAMPTZ
);
COMMENT ON TABLE dq.expectation_results IS 'One row per expectation per validation, with its severity (gate, quarantine, warn), result and a few unexpected values (contract table).';

CREATE TABLE IF NOT EXISTS dq.quarantine (
    run_id         VARCHAR,
    stage          VARCHAR,
    expectation    VARCHAR,
    record         VARCHAR,
    reason         VARCHAR,
    quarantined_at TIMESTAMPTZ
);
COMMENT ON TABLE dq.quarantine IS 'Rows held back by a failing quarantine-severity expectation: the row as JSON, the expectation and the reason (contract table).';
