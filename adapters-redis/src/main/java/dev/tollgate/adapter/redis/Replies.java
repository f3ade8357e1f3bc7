package dev.tollgate.adapter.redis;

import java.util.List;

/** Reading script replies: Lua numbers arrive as {@code Long}, strings as {@code String}. */
final class Replies {

  private Replies() {}

  static List<?> list(Object reply) {
    if (reply instanceof List<?> l) {
      return l;
    }
    throw new IllegalStateException("a script answered " + reply + " where a list was due");
  }

  static long number(List<?> reply, int index) {
    Object value = reply.get(index);
    return switch (value) {
      case Long l -> l;
      case String s -> Long.parseLong(s);
      default -> throw new IllegalStateException("not an integer at " + index + ": " + value);
    };
  }

  static String text(List<?> reply, int index) {
    return String.valueOf(reply.get(index));
  }
}
