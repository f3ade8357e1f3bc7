-- A tenant's policies near the end of a budget (docs/economics.md, "Policies near the limit"):
-- refuse or clamp a request the budget cannot fully cover, and whether requests past a soft budget
-- are demoted to a sheddable inference objective. Existing tenants keep today's behaviour.
ALTER TABLE tenant_policies
    ADD COLUMN when_exhausted text NOT NULL DEFAULT 'REFUSE'
        CHECK (when_exhausted IN ('REFUSE', 'CLAMP')),
    ADD COLUMN min_output_tokens bigint NOT NULL DEFAULT 64
        CHECK (min_output_tokens BETWEEN 1 AND 1000000),
    ADD COLUMN past_soft_budget text NOT NULL DEFAULT 'NONE'
        CHECK (past_soft_budget IN ('NONE', 'DEMOTE')),
    ADD COLUMN demoted_objective text NOT NULL DEFAULT 'sheddable'
        CHECK (length(demoted_objective) BETWEEN 1 AND 253);
