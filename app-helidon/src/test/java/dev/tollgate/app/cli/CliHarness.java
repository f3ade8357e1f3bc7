package dev.tollgate.app.cli;

import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.port.out.Stores;
import dev.tollgate.service.Administration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/** The CLI over in-memory stores with a fixed clock, capturing what each command prints. */
final class CliHarness {

  static final Instant NOW = Instant.parse("2026-11-24T06:00:00Z");

  final Stores stores = InMemoryStores.create();
  final Administration admin = Administration.create(stores, InMemoryStores.admin(),
      Clock.fixed(NOW, ZoneOffset.UTC), new SplittableRandom(11));

  CliHarness() {
    this(true);
  }

  /** With or without the three served models (gpt-4o, mini, llama-local). */
  CliHarness(boolean serving) {
    if (!serving) {
      return;
    }
    stores.models().seed(ModelSpec.of(ModelName.of("gpt-4o"), 16_384), java.time.Instant.EPOCH);
    stores.models().seed(new ModelSpec(ModelName.of("mini"), ModelName.of("openai/gpt-4o-mini"),
        16_384), java.time.Instant.EPOCH);
    stores.models().seed(ModelSpec.of(ModelName.of("llama-local"), 4_096), java.time.Instant.EPOCH);
  }

  /** What one command did. */
  record Run(int code, String out, String err) {}

  Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code = AdminCli.run(new CliContext(admin, stores.models(), Actor.platform("cli:test"),
        Clock.fixed(NOW, ZoneOffset.UTC), o, e), args);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs a command that must succeed, and answers its stdout. */
  String ok(String... args) {
    Run r = run(args);
    if (r.code() != 0) {
      throw new AssertionError("exit " + r.code() + " for " + String.join(" ", args) + ": " + r.err());
    }
    return r.out();
  }
}
