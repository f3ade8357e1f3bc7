package dev.tollgate.adapter.postgres;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Labels (metadata, audit states: string-to-string maps) as the jsonb objects the schema keeps.
 * They cross JDBC as two parallel {@code text[]}, names and values: SQL writes them with {@code
 * jsonb_object(names, values)} and reads them back with the select-list expressions here, both
 * arrays in the names' byte order. No JSON is written or parsed in Java, and nothing is escaped.
 */
final class Labels {

  private static final String ORDERED = " AS e(k, v) ORDER BY k COLLATE \"C\")";

  /** {@code metadata} as {@code metadata_names, metadata_values}. */
  static final String METADATA =
      "ARRAY(SELECT k FROM jsonb_each_text(metadata)" + ORDERED + " AS metadata_names,"
          + " ARRAY(SELECT v FROM jsonb_each_text(metadata)" + ORDERED + " AS metadata_values";

  /** {@code before} and {@code after} of the audit log as two name and two value arrays. */
  static final String STATES =
      "ARRAY(SELECT k FROM jsonb_each_text(before)" + ORDERED + " AS before_names,"
          + " ARRAY(SELECT v FROM jsonb_each_text(before)" + ORDERED + " AS before_values,"
          + " ARRAY(SELECT k FROM jsonb_each_text(after)" + ORDERED + " AS after_names,"
          + " ARRAY(SELECT v FROM jsonb_each_text(after)" + ORDERED + " AS after_values";

  private Labels() {}

  static String[] names(Map<String, String> labels) {
    return new TreeMap<>(labels).keySet().toArray(String[]::new);
  }

  /** The values in the order of {@link #names}. */
  static String[] values(Map<String, String> labels) {
    return new TreeMap<>(labels).values().toArray(String[]::new);
  }

  static Map<String, String> of(String[] names, String[] values) {
    if (names.length != values.length) {
      throw new IllegalStateException("label names and values differ in number");
    }
    TreeMap<String, String> labels = new TreeMap<>();
    for (int i = 0; i < names.length; i++) {
      labels.put(names[i], values[i]);
    }
    return Collections.unmodifiableMap(labels);
  }
}
