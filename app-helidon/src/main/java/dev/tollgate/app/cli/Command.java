package dev.tollgate.app.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One command of a group: its positional arguments, its flags, a line of help and what it does.
 *
 * @param positionals the names of its required positional arguments, in order
 */
record Command(
    String name, List<String> positionals, List<Flag> flags, String summary, Handler handler) {

  /** Runs a parsed command line; throws {@link UsageError} or {@link Refused} to stop early. */
  @FunctionalInterface
  interface Handler {
    void run(Args args, CliContext ctx) throws IOException;
  }

  Command {
    positionals = List.copyOf(positionals);
    flags = List.copyOf(flags);
  }

  String usage(String group) {
    StringBuilder sb = new StringBuilder("tollgate ").append(group).append(' ').append(name);
    positionals.forEach(p -> sb.append(" <").append(p).append('>'));
    if (!flags.isEmpty()) {
      sb.append(" [flags]");
    }
    return sb.toString();
  }

  String help(String group) {
    List<String> lines = new ArrayList<>();
    lines.add("usage: " + usage(group));
    lines.add("  " + summary);
    if (!flags.isEmpty()) {
      lines.add("flags:");
      int width = flags.stream().mapToInt(f -> f.synopsis().length()).max().orElse(0);
      for (Flag f : flags) {
        lines.add("  " + pad(f.synopsis(), width) + "  " + f.help());
      }
    }
    return String.join("\n", lines);
  }

  static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
