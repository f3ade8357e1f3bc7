package dev.tollgate.app.cli;

import dev.tollgate.port.out.StoreUnavailableException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code tollgate <group> <command> [--flags]}: finds the command, parses its flags, runs it and
 * answers its exit code. The command line is checked before any store is opened, so help and usage
 * errors are instant ({@link #prepare}), then {@link Invocation#run} runs it against a context.
 */
public final class AdminCli {

  public static final int OK = 0;
  public static final int REFUSED = 1;
  public static final int USAGE = 2;

  static final List<Group> GROUPS = List.of(
      TenantCommands.tenants(), TenantCommands.teams(), KeyCommands.keys(),
      LimitCommands.budgets(), LimitCommands.limits(), PriceCommands.prices(),
      SpendCommands.spend(), SpendCommands.audit(), WebhookCommands.webhooks());

  private AdminCli() {}

  /** A parsed command line, ready to run once a context (and so a store) is at hand. */
  public record Invocation(Group group, Command command, Args args) {

    /** Runs the command; refusals and store failures are reported on stderr. */
    public int run(CliContext ctx) {
      try {
        command.handler().run(args, ctx);
        ctx.out().flush();
        return OK;
      } catch (UsageError e) {
        ctx.err().println("tollgate " + group.name() + " " + command.name() + ": " + e.getMessage());
        ctx.err().println(command.help(group.name()));
        return USAGE;
      } catch (Refused e) {
        ctx.err().println("tollgate: " + e.getMessage());
        return REFUSED;
      } catch (StoreUnavailableException e) {
        ctx.err().println("tollgate: the store is unavailable: " + e.getMessage());
        return REFUSED;
      } catch (IOException e) {
        ctx.err().println("tollgate: " + e);
        return REFUSED;
      }
    }
  }

  /** Whether {@code word} names one of the administration groups. */
  public static boolean isGroup(String word) {
    return group(word).isPresent();
  }

  /**
   * Parses {@code args} (group first). Help is printed to {@code out} and a usage error to
   * {@code err}; either way the answer is the exit code instead of an invocation.
   */
  public static Result prepare(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || isHelp(args.get(0)) || args.get(0).equals("help")) {
      List<String> topic = args.isEmpty() ? List.of() : args.subList(1, args.size());
      return helpOn(topic, out, err);
    }
    Optional<Group> group = group(args.get(0));
    if (group.isEmpty()) {
      err.println("tollgate: unknown command '" + args.get(0) + "'; `tollgate help` lists them.");
      return new Result.Exit(USAGE);
    }
    Group g = group.get();
    if (args.size() == 1 || isHelp(args.get(1))) {
      (args.size() == 1 ? err : out).println(g.help());
      return new Result.Exit(args.size() == 1 ? USAGE : OK);
    }
    Optional<Command> command = g.command(args.get(1));
    if (command.isEmpty()) {
      err.println("tollgate " + g.name() + ": unknown command '" + args.get(1) + "'");
      err.println(g.help());
      return new Result.Exit(USAGE);
    }
    Command c = command.get();
    List<String> rest = args.subList(2, args.size());
    if (rest.stream().anyMatch(AdminCli::isHelp)) {
      out.println(c.help(g.name()));
      return new Result.Exit(OK);
    }
    try {
      return new Result.Run(new Invocation(g, c, Args.parse(c, rest)));
    } catch (UsageError e) {
      err.println("tollgate " + g.name() + " " + c.name() + ": " + e.getMessage());
      err.println(c.help(g.name()));
      return new Result.Exit(USAGE);
    }
  }

  /** What {@link #prepare} found: an exit code already decided, or a command to run. */
  public sealed interface Result {
    record Exit(int code) implements Result {}

    record Run(Invocation invocation) implements Result {}
  }

  /** Parses and runs in one step: what tests and an embedding host call. */
  public static int run(List<String> args, CliContext ctx) {
    return switch (prepare(args, ctx.out(), ctx.err())) {
      case Result.Exit exit -> exit.code();
      case Result.Run run -> run.invocation().run(ctx);
    };
  }

  public static int run(CliContext ctx, String... args) {
    return run(Arrays.asList(args), ctx);
  }

  /** The groups, one line each: what {@code tollgate help} lists after the host commands. */
  public static String overview() {
    List<String> lines = new ArrayList<>();
    lines.add("administration (on the configured store; `tollgate <group> --help` lists its commands):");
    int width = GROUPS.stream().mapToInt(g -> g.name().length()).max().orElse(0);
    GROUPS.forEach(g -> lines.add("  " + Command.pad(g.name(), width + 2) + g.summary()));
    return String.join("\n", lines);
  }

  private static Result helpOn(List<String> topic, PrintStream out, PrintStream err) {
    if (topic.isEmpty()) {
      out.println(overview());
      return new Result.Exit(OK);
    }
    Optional<Group> group = group(topic.get(0));
    if (group.isEmpty()) {
      err.println("tollgate help: no command group '" + topic.get(0) + "'");
      err.println(overview());
      return new Result.Exit(USAGE);
    }
    Optional<Command> command = topic.size() > 1 ? group.get().command(topic.get(1)) : Optional.empty();
    out.println(command.map(c -> c.help(group.get().name())).orElse(group.get().help()));
    return new Result.Exit(OK);
  }

  private static Optional<Group> group(String name) {
    return GROUPS.stream().filter(g -> g.name().equals(name)).findFirst();
  }

  private static boolean isHelp(String word) {
    return word.equals("--help") || word.equals("-h");
  }
}
