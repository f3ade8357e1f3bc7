package dev.tollgate.port.in.admin;

/**
 * Takes a LiteLLM proxy's tenants, keys (their secrets keep working), budgets, limits, end users,
 * models and current-period spend into Tollgate. Idempotent: what is already here is skipped and
 * said so, so a second run imports nothing twice. A dry run reads and decides everything and writes
 * nothing.
 */
public interface ImportLitellm {

  ImportReport run(ImportLitellmCommand command);
}
