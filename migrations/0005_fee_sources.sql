-- Every listed fee keeps its own provenance: the source that listed it and the date it was
-- first listed. A fee listed by a newer source no longer opens a price period, so it cannot
-- borrow the period's source. Existing fees were listed with their period: backfilled from the
-- period's own source and effective_from. A REFERENCES column cannot be added with a default,
-- so the table is rebuilt.
CREATE TABLE price_fees_sourced (
    price_id    INTEGER NOT NULL REFERENCES prices (id) ON DELETE CASCADE,
    what        TEXT NOT NULL,
    unit        TEXT NOT NULL CHECK (unit IN ('multiplier', 'usd_per_query')),
    figure      TEXT NOT NULL,
    source      TEXT NOT NULL REFERENCES sources (id),
    listed_from TEXT NOT NULL CHECK (listed_from <> ''),
    PRIMARY KEY (price_id, what)
);

INSERT INTO price_fees_sourced (price_id, what, unit, figure, source, listed_from)
    SELECT f.price_id, f.what, f.unit, f.figure, p.source, p.effective_from
    FROM price_fees f JOIN prices p ON p.id = f.price_id;

DROP TABLE price_fees;
ALTER TABLE price_fees_sourced RENAME TO price_fees;
