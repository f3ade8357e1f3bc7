package dev.tollgate.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A group of commands on one kind of object: {@code tollgate keys create}, {@code keys list}… */
record Group(String name, String summary, List<Command> commands) {

  Group {
    commands = List.copyOf(commands);
  }

  Optional<Command> command(String commandName) {
    return commands.stream().filter(c -> c.name().equals(commandName)).findFirst();
  }

  String help() {
    List<String> lines = new ArrayList<>();
    lines.add("usage: tollgate " + name + " <command> [flags]");
    lines.add("  " + summary);
    lines.add("commands:");
    int width = commands.stream().mapToInt(c -> c.usage(name).length()).max().orElse(0);
    for (Command c : commands) {
      lines.add("  " + Command.pad(c.usage(name), width) + "  " + c.summary());
    }
    lines.add("`tollgate " + name + " <command> --help` shows a command's flags.");
    return String.join("\n", lines);
  }
}
