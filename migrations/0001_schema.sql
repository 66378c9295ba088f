-- The whole dataset: every figure carries the source it came from and the date it holds for.
-- Money is stored exactly, as integer millionths of a US dollar per 1M tokens ("micros").

CREATE TABLE sources (
    id      TEXT PRIMARY KEY,
    title   TEXT NOT NULL,
    url     TEXT NOT NULL,
    license TEXT NOT NULL,
    as_of   TEXT NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);

CREATE TABLE providers (
    slug TEXT PRIMARY KEY CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*'),
    name TEXT NOT NULL
);

CREATE TABLE models (
    slug                TEXT PRIMARY KEY
                        CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*' AND slug NOT LIKE '%-vs-%'),
    name                TEXT NOT NULL,
    provider            TEXT NOT NULL REFERENCES providers (slug),
    api_host            TEXT NOT NULL,
    release_date        TEXT,
    release_date_source TEXT REFERENCES sources (id),
    context_window      INTEGER CHECK (context_window > 0),
    max_output          INTEGER CHECK (max_output > 0),
    limits_source       TEXT REFERENCES sources (id),
    open_weights        INTEGER CHECK (open_weights IN (0, 1)),
    open_weights_source TEXT REFERENCES sources (id),
    status              TEXT NOT NULL CHECK (status IN ('active', 'deprecated', 'retired')),
    deprecation_date    TEXT,
    status_source       TEXT REFERENCES sources (id)
);

-- Which LiteLLM price-map keys a model takes its price from: named explicitly, never matched by name.
CREATE TABLE model_price_keys (
    model       TEXT NOT NULL REFERENCES models (slug),
    litellm_key TEXT NOT NULL UNIQUE,
    PRIMARY KEY (model, litellm_key)
);

-- One row per price period; a change closes the old row (effective_to) and opens a new one.
CREATE TABLE prices (
    id                   INTEGER PRIMARY KEY,
    model                TEXT NOT NULL REFERENCES models (slug),
    effective_from       TEXT NOT NULL,
    effective_to         TEXT CHECK (effective_to IS NULL OR effective_to >= effective_from),
    input_micros         INTEGER NOT NULL CHECK (input_micros >= 0),
    output_micros        INTEGER NOT NULL CHECK (output_micros >= 0),
    cache_read_micros    INTEGER CHECK (cache_read_micros >= 0),
    cache_write_micros   INTEGER CHECK (cache_write_micros >= 0),
    cache_write_1h_micros INTEGER CHECK (cache_write_1h_micros >= 0),
    batch_input_micros   INTEGER CHECK (batch_input_micros >= 0),
    batch_output_micros  INTEGER CHECK (batch_output_micros >= 0),
    source               TEXT NOT NULL REFERENCES sources (id),
    last_seen_in         TEXT NOT NULL REFERENCES sources (id)
);
CREATE UNIQUE INDEX prices_one_current_per_model ON prices (model) WHERE effective_to IS NULL;

-- Long-context tiers: a request whose input exceeds above_tokens bills wholly at these rates.
CREATE TABLE price_tiers (
    price_id          INTEGER NOT NULL REFERENCES prices (id) ON DELETE CASCADE,
    above_tokens      INTEGER NOT NULL CHECK (above_tokens > 0),
    input_micros      INTEGER NOT NULL CHECK (input_micros >= 0),
    output_micros     INTEGER NOT NULL CHECK (output_micros >= 0),
    cache_read_micros INTEGER CHECK (cache_read_micros >= 0),
    PRIMARY KEY (price_id, above_tokens)
);

CREATE TABLE benchmarks (
    slug             TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    measures         TEXT NOT NULL,
    scale            TEXT NOT NULL CHECK (scale IN ('fraction', 'percent', 'index')),
    higher_is_better INTEGER NOT NULL CHECK (higher_is_better IN (0, 1))
);

CREATE TABLE scores (
    model       TEXT NOT NULL REFERENCES models (slug),
    benchmark   TEXT NOT NULL REFERENCES benchmarks (slug),
    value       REAL NOT NULL,
    independent INTEGER NOT NULL CHECK (independent IN (0, 1)),
    source      TEXT NOT NULL REFERENCES sources (id),
    as_of       TEXT NOT NULL,
    note        TEXT,
    PRIMARY KEY (model, benchmark, source)
);

CREATE TABLE speeds (
    model               TEXT NOT NULL REFERENCES models (slug),
    output_tokens_per_s REAL CHECK (output_tokens_per_s > 0),
    ttft_s              REAL CHECK (ttft_s > 0),
    source              TEXT NOT NULL REFERENCES sources (id),
    as_of               TEXT NOT NULL,
    PRIMARY KEY (model, source)
);

-- Facts about the dataset itself, such as which seed version was loaded.
CREATE TABLE dataset_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
