package dev.tollgate.app.cli;

/**
 * A flag a command accepts: {@code --name value} (or {@code --name=value}), or a switch without a
 * value; a repeatable flag collects every occurrence.
 */
record Flag(String name, String valueName, boolean repeatable, String help) {

  static Flag value(String name, String valueName, String help) {
    return new Flag(name, valueName, false, help);
  }

  static Flag repeated(String name, String valueName, String help) {
    return new Flag(name, valueName, true, help);
  }

  static Flag toggle(String name, String help) {
    return new Flag(name, "", false, help);
  }

  boolean takesValue() {
    return !valueName.isEmpty();
  }

  String synopsis() {
    return "--" + name + (takesValue() ? " " + valueName : "") + (repeatable ? " …" : "");
  }
}
