-- Budget alerts by webhook (docs/webhooks.md): subscriptions per tenant, and the outbox their
-- deliveries wait in. The signing secrets are not here: they are sealed under the salt key in
-- sealed_secrets, named webhook.<subscription id>.
CREATE TABLE webhook_subscriptions (
    id          text COLLATE "C" PRIMARY KEY,
    tenant_id   text COLLATE "C" NOT NULL,
    url         text NOT NULL,
    events      text[] NOT NULL CHECK (cardinality(events) > 0),
    format      text NOT NULL CHECK (format IN ('standard', 'slack')),
    description text NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE INDEX webhook_subscriptions_by_tenant ON webhook_subscriptions (tenant_id, created_at, id);

-- One row per subscription and event key (event, subject, period): whichever replica raises an
-- event first inserts it, the others' inserts do nothing, so it is sent once, under one id (the
-- id is derived from the same two). A sender claims rows with FOR UPDATE SKIP LOCKED and holds
-- them until claimed_until; a sender that died leaves the claim to lapse.
CREATE TABLE webhook_outbox (
    id              text COLLATE "C" PRIMARY KEY,
    subscription_id text COLLATE "C" NOT NULL
                    REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    tenant_id       text COLLATE "C" NOT NULL,
    event           text NOT NULL,
    event_key       text COLLATE "C" NOT NULL,
    body            text NOT NULL,
    status          text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        integer NOT NULL CHECK (attempts >= 0),
    created_at      timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    claimed_until   timestamptz,
    last_status     integer,
    last_error      text,
    UNIQUE (subscription_id, event_key)
);

CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_outbox_by_subscription ON webhook_outbox (subscription_id, created_at DESC, id);
CREATE INDEX webhook_outbox_by_tenant ON webhook_outbox (tenant_id, created_at DESC, id);
