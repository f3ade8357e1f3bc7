package dev.tollgate.deploy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the fields a fabric8 model object kept aside as {@code additionalProperties}: those are
 * the fields the Kubernetes API schema does not have (a typo, a wrong nesting level).
 */
final class StrictFields {

  private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";
  private static final int MAX_DEPTH = 64;

  private StrictFields() {}

  /** Paths like {@code spec.template.spec.containers[0].livenessProbe.httpGet.prot}. */
  static List<String> unknownFields(Object root) {
    List<String> found = new ArrayList<>();
    walk(root, "", found, new IdentityHashMap<>(), 0);
    return found;
  }

  private static void walk(Object value, String path, List<String> found,
      IdentityHashMap<Object, Boolean> seen, int depth) {
    if (value == null || depth > MAX_DEPTH || seen.put(value, Boolean.TRUE) != null) {
      return;
    }
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]", found, seen, depth + 1);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "[" + k + "]", found, seen, depth + 1));
      return;
    }
    if (!value.getClass().getName().startsWith(MODEL_PACKAGE)) {
      return;
    }
    for (Class<?> type = value.getClass(); type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        Object child = read(field, value);
        String here = path.isEmpty() ? field.getName() : path + "." + field.getName();
        if (field.getName().equals("additionalProperties") && child instanceof Map<?, ?> extra) {
          extra.keySet().forEach(k -> found.add(path.isEmpty() ? "" + k : path + "." + k));
        } else {
          walk(child, here, found, seen, depth + 1);
        }
      }
    }
  }

  private static Object read(Field field, Object owner) {
    try {
      field.setAccessible(true);
      return field.get(owner);
    } catch (IllegalAccessException e) {
      throw new AssertionError("cannot read " + field, e);
    }
  }
}
