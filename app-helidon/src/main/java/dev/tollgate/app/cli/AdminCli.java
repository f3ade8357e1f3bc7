package dev.tollgate.app.cli;

import dev.tollgate.port.out.StoreUnavailableException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code tollgate <group> <command> [--flags]}: picocli parses the command line against the
 * annotated commands ({@link Root} lists the groups), then the command runs and its exit code is
 * answered. The command line is checked before any store is opened, so help and usage errors are
 * instant ({@link #prepare}), then {@link Invocation#run} runs it against a context. Usage errors
 * name the command and print its help on stderr; nothing here ever prints a stack trace.
 */
public final class AdminCli {

  public static final int OK = 0;
  public static final int REFUSED = 1;
  public static final int USAGE = 2;

  /** The command that prints the shell completion script. */
  static final String COMPLETION = "completion";

  /** More arguments than any command needs: a bound on what one invocation parses. */
  static final int MAX_ARGS = 256;

  /** The administration groups, in the order help lists them. */
  @Command(name = "tollgate", subcommands = {
      TenantCommands.Tenants.class, TenantCommands.Teams.class, KeyCommands.Keys.class,
      LimitCommands.Budgets.class, LimitCommands.Limits.class, PriceCommands.Prices.class,
      ModelCommands.Models.class,
      SpendCommands.Spend.class, SpendCommands.Audit.class, WebhookCommands.Webhooks.class})
  static final class Root extends AdminCommand.Group {}

  private AdminCli() {}

  /** A fresh command tree (picocli keeps parsed values in the command objects). */
  static CommandLine commandLine() {
    CommandLine root = new CommandLine(new Root());
    Converters.register(root);
    HelpFormat.apply(root);
    return root;
  }

  /** A parsed command line, ready to run once a context (and so a store) is at hand. */
  public record Invocation(CommandLine line, AdminCommand command) {

    /** Runs the command; refusals and store failures are reported on stderr. */
    public int run(CliContext ctx) {
      try {
        command.run(ctx);
        ctx.out().flush();
        return OK;
      } catch (UsageError e) {
        ctx.err().println(name(line) + ": " + e.getMessage());
        ctx.err().println(HelpFormat.usage(line));
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

  /**
   * Parses {@code args} (group first). Help is printed to {@code out} and a usage error to
   * {@code err}; either way the answer is the exit code instead of an invocation.
   */
  public static Result prepare(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || isHelp(args.get(0)) || args.get(0).equals("help")) {
      List<String> topic = args.isEmpty() ? List.of() : args.subList(1, args.size());
      return helpOn(topic, out, err);
    }
    if (args.size() > MAX_ARGS) {
      err.println("tollgate: too many arguments (at most " + MAX_ARGS + ")");
      return new Result.Exit(USAGE);
    }
    if (args.equals(List.of(COMPLETION))) {
      out.print(AutoComplete.bash("tollgate", commandLine()));
      return new Result.Exit(OK);
    }
    ParseResult parsed;
    try {
      parsed = commandLine().parseArgs(args.toArray(String[]::new));
    } catch (ParameterException e) {
      return refuse(e, args.get(0), err);
    }
    List<CommandLine> chain = parsed.asCommandLineList();
    for (CommandLine line : chain) {
      if (line.isUsageHelpRequested()) {
        out.println(HelpFormat.usage(line));
        return new Result.Exit(OK);
      }
    }
    CommandLine leaf = chain.get(chain.size() - 1);
    if (!(leaf.getCommand() instanceof AdminCommand command)) {
      err.println(HelpFormat.usage(leaf)); // a group without its command
      return new Result.Exit(USAGE);
    }
    return new Result.Run(new Invocation(leaf, command));
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
    Map<String, CommandLine> groups = commandLine().getSubcommands();
    int width = Math.max(COMPLETION.length(),
        groups.keySet().stream().mapToInt(String::length).max().orElse(0));
    groups.forEach((name, g) -> lines.add("  " + Text.pad(name, width + 2) + HelpFormat.summary(g)));
    lines.add("  " + Text.pad(COMPLETION, width + 2)
        + "print a bash/zsh completion script: source <(tollgate completion)");
    return String.join("\n", lines);
  }

  private static Result helpOn(List<String> topic, PrintStream out, PrintStream err) {
    if (topic.isEmpty()) {
      out.println(overview());
      return new Result.Exit(OK);
    }
    CommandLine group = commandLine().getSubcommands().get(topic.get(0));
    if (group == null) {
      err.println("tollgate help: no command group '" + topic.get(0) + "'");
      err.println(overview());
      return new Result.Exit(USAGE);
    }
    CommandLine command = topic.size() > 1 ? group.getSubcommands().get(topic.get(1)) : null;
    out.println(HelpFormat.usage(command == null ? group : command));
    return new Result.Exit(OK);
  }

  /** A usage error: the command it is about, what is wrong, and that command's help. */
  private static Result refuse(ParameterException e, String first, PrintStream err) {
    CommandLine where = e.getCommandLine();
    if (where.getParent() == null) {
      err.println("tollgate: unknown command '" + first + "'; `tollgate help` lists them.");
      return new Result.Exit(USAGE);
    }
    err.println(name(where) + ": " + message(e));
    err.println(HelpFormat.usage(where));
    return new Result.Exit(USAGE);
  }

  /**
   * Picocli's message, but in the operator's words where ours were clearer: an unknown command or
   * flag by name, and a value the domain refused as {@code --flag: the domain's reason}.
   */
  static String message(ParameterException e) {
    if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String arg = u.getUnmatched().get(0);
      if (!e.getCommandLine().getSubcommands().isEmpty()) {
        return "unknown command '" + arg + "'";
      }
      return arg.startsWith("-") ? "unknown flag " + arg.split("=", 2)[0]
          : "unexpected argument " + arg;
    }
    ArgSpec arg = e.getArgSpec();
    if (e.getCause() instanceof TypeConversionException t && arg != null) {
      return (arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel()) + ": "
          + t.getMessage();
    }
    return e.getMessage();
  }

  /** {@code tollgate keys create}: how a message names the command it is about. */
  static String name(CommandLine line) {
    return line.getCommandSpec().qualifiedName(" ");
  }

  private static boolean isHelp(String word) {
    return word.equals("--help") || word.equals("-h");
  }
}
