-- A model's input cap, when it is below the context window (OpenAI's GPT-5 family: a 400,000
-- token context of which at most 272,000 may be input). Sourced by the model's limits_source,
-- like the other limits; NULL when no source gives one, so it forbids nothing.
ALTER TABLE models ADD COLUMN max_input INTEGER CHECK (max_input > 0);
