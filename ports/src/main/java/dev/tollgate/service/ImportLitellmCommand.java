package dev.tollgate.service;

import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.port.in.admin.ImportMapping;
import dev.tollgate.port.out.litellm.LitellmSource;

/** One import: where from, how LiteLLM's objects map onto tenants, and whether to write. */
public record ImportLitellmCommand(
    LitellmSource source, ImportMapping mapping, boolean dryRun, Actor actor) {

  public ImportLitellmCommand {
    if (source == null || mapping == null || actor == null) {
      throw new IllegalArgumentException("source, mapping and actor are required");
    }
    if (!actor.isPlatform()) {
      throw new IllegalArgumentException("only the platform operator imports");
    }
  }
}
