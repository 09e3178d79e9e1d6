-- Consolidated tables (what happened, counted once) and dimensions, rebuilt by every publish
-- from the article-level facts (transforms/events.py, transforms/dims.py).

CREATE TABLE IF NOT EXISTS marts.casualty_events (
    event_id       VARCHAR PRIMARY KEY,
    outcome        VARCHAR,
    country_iso3   VARCHAR,
    victim_group   VARCHAR,
    first_date     DATE,
    last_date      DATE,
    low            BIGINT,
    best           BIGINT,
    high           BIGINT,
    n_sources      BIGINT,
    n_articles     BIGINT,
    first_reported DATE,
    last_reported  DATE,
    fact_ids       VARCHAR[]
);
COMMENT ON TABLE marts.casualty_events IS 'Reports of the same outcome, country and victim group within a 14-day window grouped into one event, counted once (ACLED conservative rule for best).';
COMMENT ON COLUMN marts.casualty_events.event_id IS 'Stable id: hash of outcome, country, victim group and first date';
COMMENT ON COLUMN marts.casualty_events.outcome IS 'killed, injured, detained or missing';
COMMENT ON COLUMN marts.casualty_events.country_iso3 IS 'Country where it happened';
COMMENT ON COLUMN marts.casualty_events.victim_group IS 'Victim group (CODING.md)';
COMMENT ON COLUMN marts.casualty_events.first_date IS 'Earliest event date among its facts';
COMMENT ON COLUMN marts.casualty_events.last_date IS 'Latest event date among its facts';
COMMENT ON COLUMN marts.casualty_events.low IS 'Lowest credible figure reported';
COMMENT ON COLUMN marts.casualty_events.best IS 'Lowest of the figures given by the latest reports (never a sum across outlets)';
COMMENT ON COLUMN marts.casualty_events.high IS 'Highest figure reported';
COMMENT ON COLUMN marts.casualty_events.n_sources IS 'Distinct outlets (a copied wire story counts as its original outlet)';
COMMENT ON COLUMN marts.casualty_events.n_articles IS 'Distinct stories (near-duplicates count once)';
COMMENT ON COLUMN marts.casualty_events.first_reported IS 'Earliest publication date among its reports';
COMMENT ON COLUMN marts.casualty_events.last_reported IS 'Latest publication date among its reports';
COMMENT ON COLUMN marts.casualty_events.fact_ids IS 'The marts.fact_casualties rows behind it (subsets excluded)';

CREATE TABLE IF NOT EXISTS marts.deployment_events (
    event_id      VARCHAR PRIMARY KEY,
    sender        VARCHAR,
    receiver      VARCHAR,
    first_date    DATE,
    last_date     DATE,
    statuses      VARCHAR[],
    latest_status VARCHAR,
    max_troops    BIGINT,
    latest_troops BIGINT,
    n_sources     BIGINT,
    n_articles    BIGINT,
    fact_ids      VARCHAR[]
);
COMMENT ON TABLE marts.deployment_events IS 'One row per sender and receiver: dates, statuses over time, largest and latest force sizes, sources.';
COMMENT ON COLUMN marts.deployment_events.event_id IS 'Stable id: hash of sender, receiver and first date';
COMMENT ON COLUMN marts.deployment_events.sender IS 'ISO alpha-3 or organisation code of the sender';
COMMENT ON COLUMN marts.deployment_events.receiver IS 'ISO alpha-3 of the receiving country';
COMMENT ON COLUMN marts.deployment_events.first_date IS 'Earliest date reported';
COMMENT ON COLUMN marts.deployment_events.last_date IS 'Latest date reported';
COMMENT ON COLUMN marts.deployment_events.statuses IS 'Statuses in the order they were reported (planned, deployed, withdrawing)';
COMMENT ON COLUMN marts.deployment_events.latest_status IS 'Status of the latest report';
COMMENT ON COLUMN marts.deployment_events.max_troops IS 'Largest force size reported';
COMMENT ON COLUMN marts.deployment_events.latest_troops IS 'Force size given by the latest report that gives one';
COMMENT ON COLUMN marts.deployment_events.n_sources IS 'Distinct outlets';
COMMENT ON COLUMN marts.deployment_events.n_articles IS 'Distinct stories (near-duplicates count once)';
COMMENT ON COLUMN marts.deployment_events.fact_ids IS 'The marts.fact_deployments rows behind it';

CREATE TABLE IF NOT EXISTS marts.troop_presence (
    actor        VARCHAR,
    country_iso3 VARCHAR,
    date         DATE,
    low          BIGINT,
    best         BIGINT,
    high         BIGINT,
    n_sources    BIGINT,
    n_articles   BIGINT,
    fact_ids     VARCHAR[]
);
COMMENT ON TABLE marts.troop_presence IS 'Troop figures per actor, country and date, over time (lowest figure of the day as best).';
COMMENT ON COLUMN marts.troop_presence.actor IS 'Whose troops (ISO alpha-3 or organisation code; null when unsaid)';
COMMENT ON COLUMN marts.troop_presence.country_iso3 IS 'Where they are';
COMMENT ON COLUMN marts.troop_presence.date IS 'Event date, else publication date';
COMMENT ON COLUMN marts.troop_presence.low IS 'Lowest figure reported that day';
COMMENT ON COLUMN marts.troop_presence.best IS 'Lowest best figure reported that day';
COMMENT ON COLUMN marts.troop_presence.high IS 'Highest figure reported that day';
COMMENT ON COLUMN marts.troop_presence.n_sources IS 'Distinct outlets';
COMMENT ON COLUMN marts.troop_presence.n_articles IS 'Distinct stories';
COMMENT ON COLUMN marts.troop_presence.fact_ids IS 'The marts.fact_troop_counts rows behind it';

CREATE TABLE IF NOT EXISTS marts.dim_countries (
    iso3    VARCHAR PRIMARY KEY,
    iso2    VARCHAR,
    numeric VARCHAR,
    name    VARCHAR,
    name_en VARCHAR,
    name_fr VARCHAR,
    name_es VARCHAR,
    name_ru VARCHAR
);
COMMENT ON TABLE marts.dim_countries IS 'Countries: ISO 3166-1 codes (plus XKX for Kosovo) with names in the four languages.';
COMMENT ON COLUMN marts.dim_countries.iso3 IS 'ISO 3166-1 alpha-3';
COMMENT ON COLUMN marts.dim_countries.iso2 IS 'ISO 3166-1 alpha-2';
COMMENT ON COLUMN marts.dim_countries.numeric IS 'ISO 3166-1 numeric';
COMMENT ON COLUMN marts.dim_countries.name IS 'ISO short name (English)';
COMMENT ON COLUMN marts.dim_countries.name_en IS 'Usual English name';
COMMENT ON COLUMN marts.dim_countries.name_fr IS 'Usual French name';
COMMENT ON COLUMN marts.dim_countries.name_es IS 'Usual Spanish name';
COMMENT ON COLUMN marts.dim_countries.name_ru IS 'Usual Russian name';

CREATE TABLE IF NOT EXISTS marts.dim_organisations (
    code    VARCHAR PRIMARY KEY,
    name_en VARCHAR,
    name_fr VARCHAR,
    name_es VARCHAR,
    name_ru VARCHAR
);
COMMENT ON TABLE marts.dim_organisations IS 'Organisation codes used as senders and actors (CSTO, UN, NATO, EU, AU, ECOWAS, ...), names in the four languages.';
COMMENT ON COLUMN marts.dim_organisations.code IS 'Organisation code (CODING.md)';
COMMENT ON COLUMN marts.dim_organisations.name_en IS 'English name';
COMMENT ON COLUMN marts.dim_organisations.name_fr IS 'French name';
COMMENT ON COLUMN marts.dim_organisations.name_es IS 'Spanish name';
COMMENT ON COLUMN marts.dim_organisations.name_ru IS 'Russian name';

CREATE TABLE IF NOT EXISTS marts.dim_dates (
    date        DATE PRIMARY KEY,
    year        INTEGER,
    month       TINYINT,
    iso_week    TINYINT,
    weekday     TINYINT,
    month_start DATE,
    week_start  DATE
);
COMMENT ON TABLE marts.dim_dates IS 'One row per day from the first to the last event or publication date in the facts.';
COMMENT ON COLUMN marts.dim_dates.date IS 'The day';
COMMENT ON COLUMN marts.dim_dates.year IS 'Year';
COMMENT ON COLUMN marts.dim_dates.month IS 'Month (1-12)';
COMMENT ON COLUMN marts.dim_dates.iso_week IS 'ISO week number';
COMMENT ON COLUMN marts.dim_dates.weekday IS 'ISO weekday (1 = Monday)';
COMMENT ON COLUMN marts.dim_dates.month_start IS 'First day of the month (for monthly grouping)';
COMMENT ON COLUMN marts.dim_dates.week_start IS 'Monday of the ISO week (for weekly grouping)';
