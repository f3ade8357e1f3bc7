package dev.tollgate.app.cli;

import dev.tollgate.adapter.postgres.litellm.PostgresLitellmSource;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.wiring.AdminBackend;
import dev.tollgate.app.wiring.Root;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.service.ImportLitellm;
import dev.tollgate.service.ImportLitellmCommand;
import dev.tollgate.port.in.admin.ImportMapping;
import dev.tollgate.port.in.admin.ImportReport;
import dev.tollgate.port.out.StoreUnavailableException;
import dev.tollgate.port.out.litellm.LitellmSource;
import dev.tollgate.port.out.litellm.LitellmSourceException;
import dev.tollgate.service.LitellmImporter;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tollgate import litellm --from <url> [--dry-run] [--tenants organizations|teams|single]
 * [--default-tenant ID] [--end-user-tenant ID]}: reads a LiteLLM database (read-only) and imports
 * it into the configured store, printing one line per object and a summary. Exit 0 done (what was
 * skipped is in the report), 1 the source or the store failed, 2 a usage error.
 */
public final class ImportCommand {

  /** The environment variable for the source's password, when the URL should not carry it. */
  public static final String PASSWORD_ENV = "TOLLGATE_LITELLM_DATABASE_PASSWORD";


  /** What the command line asked for. */
  public record Options(String from, boolean dryRun, ImportMapping mapping) {}

  private ImportCommand() {}

  /** From {@link dev.tollgate.app.Main}: {@code args[0]} is {@code import}. */
  public static int main(String[] args, Root root) {
    GatewayConfig config = root.config();
    Options options;
    try {
      options = parse(List.of(args).subList(1, args.length));
    } catch (UsageError e) {
      System.err.println("tollgate import: " + e.getMessage());
      System.err.print(usage());
      return AdminCli.USAGE;
    }
    if (!config.store().isDurable()) {
      System.err.println("tollgate import: tollgate.store.type is memory: there is nothing to"
          + " import into from here.");
      return AdminCli.REFUSED;
    }
    LitellmSource source;
    try {
      source = PostgresLitellmSource.of(options.from(),
          Optional.ofNullable(System.getenv(PASSWORD_ENV)));
    } catch (IllegalArgumentException e) {
      System.err.println("tollgate import: " + e.getMessage());
      return AdminCli.USAGE;
    }
    AdminBackend backend;
    try {
      backend = root.administration();
    } catch (RuntimeException e) {
      System.err.println("tollgate import: cannot open the store: " + e.getMessage());
      return AdminCli.REFUSED;
    }
    try (backend) {
      ImportLitellm importer = new LitellmImporter(backend.administration().tenants(),
          backend.administration().limits(), backend.stores(), root.clock());
      return run(importer, source, options, CliMain.actor(), System.out, System.err);
    }
  }

  /** Runs one import and prints its report; what tests call. */
  public static int run(ImportLitellm importer, LitellmSource source, Options options, Actor actor,
      PrintStream out, PrintStream err) {
    ImportReport report;
    try {
      report = importer.run(new ImportLitellmCommand(source, options.mapping(), options.dryRun(),
          actor));
    } catch (LitellmSourceException e) {
      err.println("tollgate import: " + e.getMessage());
      return AdminCli.REFUSED;
    } catch (StoreUnavailableException e) {
      err.println("tollgate import: the store is unavailable: " + e.getMessage());
      return AdminCli.REFUSED;
    } catch (IllegalArgumentException | IllegalStateException e) {
      // A row no rule above foresaw: stop with its reason (what ran so far stays, and a re-run
      // skips it), rather than a stack trace.
      err.println("tollgate import: stopped: " + e.getMessage());
      return AdminCli.REFUSED;
    }
    print(report, out);
    return AdminCli.OK;
  }

  static void print(ImportReport report, PrintStream out) {
    if (report.dryRun()) {
      out.println("DRY RUN: nothing was written; this is what the import would do.");
    }
    for (ImportReport.Line l : report.lines()) {
      out.println(Text.pad(l.outcome().name().toLowerCase(Locale.ROOT), 13)
          + Text.pad(l.kind(), 10) + l.source()
          + (l.target().isEmpty() ? "" : " -> " + l.target())
          + (l.detail().isEmpty() ? "" : ": " + l.detail()));
    }
    Map<String, Map<ImportReport.Outcome, Long>> counts = new TreeMap<>();
    report.lines().forEach(l -> counts.computeIfAbsent(l.kind(), k -> new TreeMap<>())
        .merge(l.outcome(), 1L, Long::sum));
    StringBuilder sb = new StringBuilder("summary:");
    counts.forEach((kind, byOutcome) -> {
      sb.append(' ').append(kind);
      byOutcome.forEach((o, n) -> sb.append(' ').append(o.name().toLowerCase(Locale.ROOT))
          .append('=').append(n));
      sb.append(';');
    });
    out.println(sb);
  }

  /** {@code tollgate import litellm}'s options, read by picocli. */
  @Command(name = "litellm", description = {"Imports a LiteLLM database (read only) into the"
      + " configured store. Running it again imports nothing twice.",
      "See docs/migrate-from-litellm.md."})
  static final class Litellm {
    @Option(names = "--from", paramLabel = "<url>", description = {"LiteLLM's PostgreSQL:"
        + " jdbc:postgresql://host/db?user=…&currentSchema=… or its DATABASE_URL"
        + " postgresql://user:password@host:5432/db (read only; a password may come from "
        + PASSWORD_ENV + " instead)"})
    String from;

    @Option(names = "--dry-run",
        description = "read and decide everything, write nothing, print what would be done")
    boolean dryRun;

    @Option(names = "--tenants", paramLabel = "organizations|teams|single",
        description = "what becomes a tenant (default organizations)")
    String tenants = "organizations";

    @Option(names = "--default-tenant", paramLabel = "ID",
        description = "the tenant of what has no organization (default: litellm)")
    String defaultTenant = "litellm";

    @Option(names = "--end-user-tenant", paramLabel = "ID", description = "the tenant LiteLLM's"
        + " end users (customers) belong to (default: the default tenant)")
    String endUserTenant;
  }

  /** The generated help of {@code tollgate import litellm}. */
  static String usage() {
    return new CommandLine(new Litellm()).setCommandName("tollgate import litellm")
        .getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  /** {@code litellm --from …}: the words after {@code import}, parsed by picocli. */
  public static Options parse(List<String> args) {
    if (args.isEmpty() || !args.get(0).equals("litellm")) {
      throw new UsageError("the only source is litellm: tollgate import litellm --from <url>");
    }
    Litellm o = new Litellm();
    try {
      new CommandLine(o).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw new UsageError(e.getMessage());
    }
    if (o.from == null) {
      throw new UsageError("--from is required");
    }
    TenantId defaultTenant = tenant(o.defaultTenant);
    return new Options(o.from, o.dryRun, new ImportMapping(tenantsFrom(o.tenants), defaultTenant,
        o.endUserTenant == null ? defaultTenant : tenant(o.endUserTenant)));
  }

  private static ImportMapping.TenantsFrom tenantsFrom(String value) {
    return switch (value) {
      case "organizations" -> ImportMapping.TenantsFrom.ORGANIZATIONS;
      case "teams" -> ImportMapping.TenantsFrom.TEAMS;
      case "single" -> ImportMapping.TenantsFrom.SINGLE;
      default -> throw new UsageError("--tenants is organizations, teams or single, not " + value);
    };
  }

  private static TenantId tenant(String value) {
    try {
      return TenantId.of(value);
    } catch (IllegalArgumentException e) {
      throw new UsageError("not a tenant id: " + e.getMessage());
    }
  }
}
