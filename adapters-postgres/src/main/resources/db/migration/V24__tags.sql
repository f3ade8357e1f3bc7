-- Request tags (docs/economics.md, "Tag budgets"): the tags a request carried (metadata.tags or the
-- x-tollgate-tags header) on its ledger entry, at most 10, sorted, each once; '{}' for none, so
-- existing entries read as untagged without a rewrite.
ALTER TABLE ledger_entries ADD COLUMN tags text[] NOT NULL DEFAULT '{}';

-- Spend by tag and filtered to one read raw entries (the daily rollup has no tags): `tags @> ARRAY[t]`
-- answers from this index, which holds only tagged entries.
CREATE INDEX ledger_entries_by_tag ON ledger_entries USING gin (tags) WHERE tags <> '{}';

-- A tenant's allowed tags (empty: any tag), and whether it has ever set a budget or limit on a tag:
-- only then does a tagged request count against its tags' scopes (as end_user_budgets, V17).
ALTER TABLE tenant_policies ADD COLUMN allowed_tags text[] NOT NULL DEFAULT '{}',
    ADD COLUMN tag_budgets boolean NOT NULL DEFAULT false;
