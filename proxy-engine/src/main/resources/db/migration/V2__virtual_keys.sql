-- Virtual keys and their users. A key is stored only as the SHA-256 hex of its text (LiteLLM's "token"); the key
-- itself is shown once, when it is generated. spend and budget_reset_at are snapshots of the running totals the
-- gateway keeps in memory, written back off the request path.
CREATE TABLE virtual_keys (
    token               VARCHAR(64)              PRIMARY KEY,
    key_name            VARCHAR(32)              NOT NULL,
    key_alias           VARCHAR(256),
    user_id             VARCHAR(256),
    models              VARCHAR(8000)            NOT NULL DEFAULT '[]',
    max_budget          DECIMAL(20, 10),
    budget_duration     VARCHAR(32),
    budget_reset_at     TIMESTAMP WITH TIME ZONE,
    spend               DECIMAL(24, 10)          NOT NULL DEFAULT 0,
    rpm_limit           BIGINT,
    tpm_limit           BIGINT,
    expires             TIMESTAMP WITH TIME ZONE,
    blocked             BOOLEAN                  NOT NULL DEFAULT FALSE,
    metadata            VARCHAR(16000)           NOT NULL DEFAULT '{}',
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE UNIQUE INDEX virtual_keys_alias ON virtual_keys (key_alias);
CREATE INDEX virtual_keys_user ON virtual_keys (user_id);

CREATE TABLE users (
    user_id             VARCHAR(256)             PRIMARY KEY,
    user_alias          VARCHAR(256),
    user_email          VARCHAR(256),
    models              VARCHAR(8000)            NOT NULL DEFAULT '[]',
    max_budget          DECIMAL(20, 10),
    budget_duration     VARCHAR(32),
    budget_reset_at     TIMESTAMP WITH TIME ZONE,
    spend               DECIMAL(24, 10)          NOT NULL DEFAULT 0,
    rpm_limit           BIGINT,
    tpm_limit           BIGINT,
    metadata            VARCHAR(16000)           NOT NULL DEFAULT '{}',
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Which virtual key (alias) and user made each request; caller already holds the key's token.
ALTER TABLE spend_logs ADD COLUMN key_alias VARCHAR(256);
ALTER TABLE spend_logs ADD COLUMN user_id VARCHAR(256);
CREATE INDEX spend_logs_user_time ON spend_logs (user_id, time);

-- A caller (key) belongs to at most one user, so user_id needs no place in the key of the daily totals.
ALTER TABLE spend_daily ADD COLUMN user_id VARCHAR(256) NOT NULL DEFAULT '';
