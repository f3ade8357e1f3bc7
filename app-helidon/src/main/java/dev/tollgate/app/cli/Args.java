package dev.tollgate.app.cli;

import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A command line parsed against its {@link Command}: positionals, then flags as {@code --name value}
 * or {@code --name=value}; {@code --} ends the flags. Anything the command does not declare is a
 * {@link UsageError}, and so is a value its type refuses: {@link #get} names the flag in the message.
 */
final class Args {

  /** More arguments than any command needs: a bound on what one invocation parses. */
  static final int MAX_ARGS = 256;

  private final List<String> positionals;
  private final Map<String, List<String>> flags;

  private Args(List<String> positionals, Map<String, List<String>> flags) {
    this.positionals = positionals;
    this.flags = flags;
  }

  static Args parse(Command command, List<String> tokens) {
    if (tokens.size() > MAX_ARGS) {
      throw new UsageError("too many arguments (at most " + MAX_ARGS + ")");
    }
    List<String> positionals = new ArrayList<>();
    Map<String, List<String>> flags = new LinkedHashMap<>();
    boolean flagsEnded = false;
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      if (flagsEnded || !token.startsWith("--") || token.equals("-")) {
        positionals.add(token);
        continue;
      }
      if (token.equals("--")) {
        flagsEnded = true;
        continue;
      }
      int eq = token.indexOf('=');
      String name = token.substring(2, eq < 0 ? token.length() : eq);
      Flag flag = command.flags().stream().filter(f -> f.name().equals(name)).findFirst()
          .orElseThrow(() -> new UsageError("unknown flag --" + name));
      String value;
      if (!flag.takesValue()) {
        if (eq >= 0) {
          throw new UsageError("--" + name + " takes no value");
        }
        value = "";
      } else if (eq >= 0) {
        value = token.substring(eq + 1);
      } else if (i + 1 < tokens.size()) {
        value = tokens.get(++i);
      } else {
        throw new UsageError("--" + name + " needs a value (" + flag.valueName() + ")");
      }
      List<String> values = flags.computeIfAbsent(name, n -> new ArrayList<>());
      if (!values.isEmpty() && !flag.repeatable()) {
        throw new UsageError("--" + name + " is given twice");
      }
      values.add(value);
    }
    if (positionals.size() != command.positionals().size()) {
      throw new UsageError(command.positionals().isEmpty() ? "unexpected argument " + positionals.get(0)
          : "expected " + String.join(", ", command.positionals().stream().map(p -> "<" + p + ">").toList())
              + " but got " + positionals.size() + " argument(s)");
    }
    return new Args(List.copyOf(positionals), flags);
  }

  /** The positional argument {@code name}, converted. */
  <T> T positional(int index, Function<String, T> convert, String name) {
    return converted("<" + name + ">", positionals.get(index), convert);
  }

  boolean has(String flag) {
    return flags.containsKey(flag);
  }

  Optional<String> value(String flag) {
    return Optional.ofNullable(flags.get(flag)).map(v -> v.get(0));
  }

  List<String> values(String flag) {
    return flags.getOrDefault(flag, List.of());
  }

  /** The flag's value converted, if given. */
  <T> Optional<T> get(String flag, Function<String, T> convert) {
    return value(flag).map(v -> converted("--" + flag, v, convert));
  }

  /** The flag's value converted; a usage error if it is absent. */
  <T> T required(String flag, Function<String, T> convert) {
    return get(flag, convert).orElseThrow(() -> new UsageError("--" + flag + " is required"));
  }

  /** Every value of a repeatable flag, converted. */
  <T> List<T> all(String flag, Function<String, T> convert) {
    return values(flag).stream().map(v -> converted("--" + flag, v, convert)).toList();
  }

  /** A value a constructor or parser refused is the operator's mistake, not the program's. */
  static <T> T converted(String what, String value, Function<String, T> convert) {
    try {
      return convert.apply(value);
    } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
      throw new UsageError(what + ": " + e.getMessage());
    }
  }
}
