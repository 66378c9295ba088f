-- The rate card: one row per published rate, keyed by service tier, time window, long-context
-- threshold and meter, instead of one column per rate (issue 9). A rate the source does not
-- give has no row: missing is missing, never 0. Every price period and its history is kept:
-- the seven rate columns and price_tiers are copied here, then dropped.
CREATE TABLE price_rates (
    price_id     INTEGER NOT NULL REFERENCES prices (id) ON DELETE CASCADE,
    tier         TEXT NOT NULL CHECK (tier IN ('standard', 'batch', 'flex', 'priority')),
    -- '' for all hours outside any window (NULL would let the primary key repeat).
    time_window  TEXT NOT NULL DEFAULT '' CHECK (time_window IN ('', 'off-peak')),
    -- 0 for the base rate; else the rate every token of a request with more input pays.
    above_tokens INTEGER NOT NULL DEFAULT 0 CHECK (above_tokens >= 0),
    meter        TEXT NOT NULL CHECK (meter IN ('input', 'output', 'cache_read', 'cache_write_5m',
                                                'cache_write_1h', 'cache_write_12h')),
    micros       INTEGER NOT NULL CHECK (micros >= 0),
    PRIMARY KEY (price_id, tier, time_window, above_tokens, meter)
);

-- The UTC hours a window covers, as `Mon-Fri 00:00-01:00, 10:00-24:00; Sat-Sun 00:00-24:00`.
CREATE TABLE price_windows (
    price_id    INTEGER NOT NULL REFERENCES prices (id) ON DELETE CASCADE,
    time_window TEXT NOT NULL CHECK (time_window IN ('off-peak')),
    hours       TEXT NOT NULL CHECK (hours <> ''),
    PRIMARY KEY (price_id, time_window)
);

-- Surcharges and per-query fees the source lists (data residency, web search), shown as notes
-- and never priced into a request. The figure is an exact decimal string.
CREATE TABLE price_fees (
    price_id INTEGER NOT NULL REFERENCES prices (id) ON DELETE CASCADE,
    what     TEXT NOT NULL,
    unit     TEXT NOT NULL CHECK (unit IN ('multiplier', 'usd_per_query')),
    figure   TEXT NOT NULL,
    PRIMARY KEY (price_id, what)
);

INSERT INTO price_rates (price_id, tier, above_tokens, meter, micros)
    SELECT id, 'standard', 0, 'input', input_micros FROM prices
    UNION ALL SELECT id, 'standard', 0, 'output', output_micros FROM prices
    UNION ALL SELECT id, 'standard', 0, 'cache_read', cache_read_micros FROM prices WHERE cache_read_micros IS NOT NULL
    UNION ALL SELECT id, 'standard', 0, 'cache_write_5m', cache_write_micros FROM prices
        WHERE cache_write_micros IS NOT NULL
    UNION ALL SELECT id, 'standard', 0, 'cache_write_1h', cache_write_1h_micros FROM prices
        WHERE cache_write_1h_micros IS NOT NULL
    UNION ALL SELECT id, 'batch', 0, 'input', batch_input_micros FROM prices WHERE batch_input_micros IS NOT NULL
    UNION ALL SELECT id, 'batch', 0, 'output', batch_output_micros FROM prices WHERE batch_output_micros IS NOT NULL
    UNION ALL SELECT price_id, 'standard', above_tokens, 'input', input_micros FROM price_tiers
    UNION ALL SELECT price_id, 'standard', above_tokens, 'output', output_micros FROM price_tiers
    UNION ALL SELECT price_id, 'standard', above_tokens, 'cache_read', cache_read_micros FROM price_tiers
        WHERE cache_read_micros IS NOT NULL;

DROP TABLE price_tiers;
ALTER TABLE prices DROP COLUMN input_micros;
ALTER TABLE prices DROP COLUMN output_micros;
ALTER TABLE prices DROP COLUMN cache_read_micros;
ALTER TABLE prices DROP COLUMN cache_write_micros;
ALTER TABLE prices DROP COLUMN cache_write_1h_micros;
ALTER TABLE prices DROP COLUMN batch_input_micros;
ALTER TABLE prices DROP COLUMN batch_output_micros;

-- The wide view a person reading the database by hand in sqlite3 wants: the base rates.
CREATE VIEW prices_wide AS
SELECT p.id, p.model, p.effective_from, p.effective_to,
    (SELECT micros FROM price_rates r WHERE r.price_id = p.id AND tier = 'standard' AND time_window = ''
        AND above_tokens = 0 AND meter = 'input') AS input_micros,
    (SELECT micros FROM price_rates r WHERE r.price_id = p.id AND tier = 'standard' AND time_window = ''
        AND above_tokens = 0 AND meter = 'output') AS output_micros,
    (SELECT micros FROM price_rates r WHERE r.price_id = p.id AND tier = 'batch' AND time_window = ''
        AND above_tokens = 0 AND meter = 'input') AS batch_input_micros,
    (SELECT micros FROM price_rates r WHERE r.price_id = p.id AND tier = 'batch' AND time_window = ''
        AND above_tokens = 0 AND meter = 'output') AS batch_output_micros,
    p.source, p.last_seen_in
FROM prices p;
