-- LiteLLM's budget rows served by its management API (/budget/new, docs/litellm-api.md): named
-- limits per tenant that keys and end users follow (budget_id). The limits themselves are the
-- followers' ordinary budgets and rate/parallel limits; this keeps only the template and who
-- follows it, so that a change is applied again to every follower.
CREATE TABLE budget_templates (
    tenant_id          text COLLATE "C" NOT NULL,
    template_id        text COLLATE "C" NOT NULL,
    max_budget_nanos   bigint CHECK (max_budget_nanos >= 0),
    soft_budget_nanos  bigint CHECK (soft_budget_nanos >= 0),
    rpm                bigint CHECK (rpm >= 0),
    tpm                bigint CHECK (tpm >= 0),
    max_parallel       integer CHECK (max_parallel >= 1),
    duration           text,
    created_at         timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, template_id)
);

-- A scope (member_key: its storage key) follows at most one template of its tenant.
CREATE TABLE budget_template_members (
    tenant_id    text COLLATE "C" NOT NULL,
    member_key   text COLLATE "C" NOT NULL,
    template_id  text COLLATE "C" NOT NULL,
    member_kind  text NOT NULL CHECK (member_kind IN ('key', 'end_user')),
    member_ref   text COLLATE "C" NOT NULL,
    PRIMARY KEY (tenant_id, member_key),
    FOREIGN KEY (tenant_id, template_id) REFERENCES budget_templates (tenant_id, template_id)
);

CREATE INDEX budget_template_members_by_template
    ON budget_template_members (tenant_id, template_id);
