-- The catalog (data/catalog.toml, loaded by `import catalog`) names, per model, which record of
-- each source its figures come from; the importers read these columns.
-- models.dev's api.json record, as 'provider/model'.
ALTER TABLE models ADD COLUMN modelsdev_id TEXT;
-- Epoch AI's model version id, for the scores.
ALTER TABLE models ADD COLUMN epoch_version TEXT;
-- Training-data cutoff as models.dev writes it ('2024-09-30' or '2023-09').
ALTER TABLE models ADD COLUMN knowledge_cutoff TEXT;
ALTER TABLE models ADD COLUMN knowledge_cutoff_source TEXT REFERENCES sources (id);
-- What the mapped LiteLLM entry gives as limits, kept beside ours so a page can show the other
-- source's value where the two disagree.
ALTER TABLE models ADD COLUMN litellm_max_input INTEGER CHECK (litellm_max_input > 0);
ALTER TABLE models ADD COLUMN litellm_max_output INTEGER CHECK (litellm_max_output > 0);
ALTER TABLE models ADD COLUMN litellm_limits_source TEXT REFERENCES sources (id);

-- Fields the catalog sets by hand (with a source of its own), which `import modelsdev` leaves
-- alone; 'limits' means the limits come from LiteLLM although models.dev gives some.
CREATE TABLE model_pins (
    model TEXT NOT NULL REFERENCES models (slug),
    field TEXT NOT NULL CHECK (field IN ('limits', 'name', 'release_date', 'status')),
    PRIMARY KEY (model, field)
);
