package dev.tollgate.service;

import dev.tollgate.port.in.admin.ImportReport;

/**
 * A batch job the CLI runs, not a use case of port.in: its command carries the LiteLLM database
 * to read (an outbound port), which port.in may not name.
 *
 * Takes a LiteLLM proxy's tenants, keys (their secrets keep working), budgets, limits, end users,
 * models and current-period spend into Tollgate. Idempotent: what is already here is skipped and
 * said so, so a second run imports nothing twice. A dry run reads and decides everything and writes
 * nothing.
 */
public interface ImportLitellm {

  ImportReport run(ImportLitellmCommand command);
}
