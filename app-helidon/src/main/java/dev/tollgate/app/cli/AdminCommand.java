package dev.tollgate.app.cli;

import java.io.IOException;
import picocli.CommandLine.Option;

/**
 * One administration command ({@code tollgate keys create}…): picocli fills its annotated fields
 * from the command line (typed by {@link Converters}), then {@link #run} does it against a
 * {@link CliContext}. A check picocli cannot express throws {@link UsageError}; a refusal,
 * {@link Refused}.
 */
abstract class AdminCommand {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
  boolean helpRequested;

  abstract void run(CliContext ctx) throws IOException;

  /** A group of commands ({@code tollgate keys}): it only holds its subcommands and their help. */
  abstract static class Group {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean helpRequested;
  }
}
