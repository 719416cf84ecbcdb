-- Column mappings registered through PUT /api/v1/mappings/{name}, next to the built-in ones
-- shipped in the application. definition is the mapping's JSON as validated at registration.
CREATE TABLE import_mapping (
    name          varchar(100) PRIMARY KEY,
    definition    jsonb        NOT NULL,
    registered_at timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now()
);
