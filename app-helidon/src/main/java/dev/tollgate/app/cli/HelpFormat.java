package dev.tollgate.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How the CLI's help reads: picocli generates it from the annotations, laid out as an operator's
 * usage line ({@code usage: tollgate keys rotate <key-id> [flags]}), the summary, then the flags
 * (a command) or the commands with their usage lines (a group).
 */
final class HelpFormat {

  private static final int WIDTH = 100;

  private HelpFormat() {}

  /** Lays out {@code line}'s help and that of every command under it. */
  static void apply(CommandLine line) {
    UsageMessageSpec usage = line.getCommandSpec().usageMessage();
    usage.sortOptions(false).width(WIDTH).optionListHeading("flags:%n")
        .commandListHeading("commands:%n");
    Map<String, IHelpSectionRenderer> sections = line.getHelpSectionMap();
    sections.put(UsageMessageSpec.SECTION_KEY_SYNOPSIS, h -> "usage: " + synopsis(line) + "\n");
    sections.put(UsageMessageSpec.SECTION_KEY_DESCRIPTION, h -> "  " + summary(line) + "\n");
    sections.put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpFormat::commands);
    sections.put(UsageMessageSpec.SECTION_KEY_FOOTER, h -> "`" + synopsis(line).replace(" [flags]",
        "") + " --help` shows a command's flags.\n");
    line.setHelpSectionMap(sections);
    boolean group = !line.getSubcommands().isEmpty();
    line.setHelpSectionKeys(group
        ? List.of(UsageMessageSpec.SECTION_KEY_SYNOPSIS, UsageMessageSpec.SECTION_KEY_DESCRIPTION,
            UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING,
            UsageMessageSpec.SECTION_KEY_COMMAND_LIST, UsageMessageSpec.SECTION_KEY_FOOTER)
        : List.of(UsageMessageSpec.SECTION_KEY_SYNOPSIS, UsageMessageSpec.SECTION_KEY_DESCRIPTION,
            UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING,
            UsageMessageSpec.SECTION_KEY_OPTION_LIST));
    line.getSubcommands().values().forEach(HelpFormat::apply);
  }

  /** The help text of {@code line}, without colours and without a trailing newline. */
  static String usage(CommandLine line) {
    return line.getUsageMessage(Help.Ansi.OFF).stripTrailing();
  }

  /** The command's one-line description. */
  static String summary(CommandLine line) {
    return String.join(" ", line.getCommandSpec().usageMessage().description());
  }

  /** {@code tollgate keys rotate <key-id> [flags]}, or {@code tollgate keys <command> [flags]}. */
  static String synopsis(CommandLine line) {
    CommandSpec spec = line.getCommandSpec();
    StringBuilder sb = new StringBuilder(spec.qualifiedName(" "));
    if (!line.getSubcommands().isEmpty()) {
      return sb.append(" <command> [flags]").toString();
    }
    spec.positionalParameters().forEach(p -> sb.append(' ').append(p.paramLabel()));
    if (spec.options().stream().anyMatch(o -> !o.usageHelp())) {
      sb.append(" [flags]");
    }
    return sb.toString();
  }

  private static String commands(Help help) {
    List<CommandLine> commands = new ArrayList<>(help.commandSpec().commandLine().getSubcommands()
        .values());
    int width = commands.stream().mapToInt(c -> synopsis(c).length()).max().orElse(0);
    StringBuilder sb = new StringBuilder();
    for (CommandLine c : commands) {
      sb.append("  ").append(Text.pad(synopsis(c), width)).append("  ").append(summary(c))
          .append('\n');
    }
    return sb.toString();
  }
}
