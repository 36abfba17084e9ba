package org.tinysim.harness.golden;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed reads from a parsed JSON object; every error names the file and the dotted field, e.g.
 * {@code suites/core/lenet/case.json: field 'inputs.dataset.count': expected a number or "all"}.
 */
final class JsonFields {

  private final String file;
  private final String prefix;
  private final Map<String, Object> map;

  private JsonFields(String file, String prefix, Map<String, Object> map) {
    this.file = file;
    this.prefix = prefix;
    this.map = map;
  }

  @SuppressWarnings("unchecked")
  static JsonFields root(Object parsed, String file) {
    if (!(parsed instanceof Map<?, ?>)) {
      throw new CaseFormatException(file + ": expected a JSON object at the top level");
    }
    return new JsonFields(file, "", (Map<String, Object>) parsed);
  }

  Map<String, Object> raw() {
    return map;
  }

  boolean has(String name) {
    return map.containsKey(name) && map.get(name) != null;
  }

  String file() {
    return file;
  }

  /** Fails on keys outside {@code known}: a typo must not silently fall back to a default. */
  void onlyKeys(Set<String> known) {
    for (String key : map.keySet()) {
      if (!known.contains(key)) {
        throw new CaseFormatException(
            file
                + ": unknown field '"
                + path(key)
                + "' (known: "
                + String.join(", ", known.stream().sorted().toList())
                + ")");
      }
    }
  }

  String path(String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  CaseFormatException error(String name, String message) {
    return new CaseFormatException(file + ": field '" + path(name) + "': " + message);
  }

  String string(String name) {
    return optString(name).orElseThrow(() -> error(name, "missing (expected a string)"));
  }

  Optional<String> optString(String name) {
    Object v = map.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String s)) {
      throw error(name, "expected a string, got " + v);
    }
    return Optional.of(s);
  }

  long integer(String name) {
    Object v = map.get(name);
    if (!(v instanceof Long l)) {
      throw error(
          name, v == null ? "missing (expected an integer)" : "expected an integer, got " + v);
    }
    return l;
  }

  long integer(String name, long fallback) {
    return has(name) ? integer(name) : fallback;
  }

  double number(String name, double fallback) {
    Object v = map.get(name);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n)) {
      throw error(name, "expected a number, got " + v);
    }
    return n.doubleValue();
  }

  boolean bool(String name, boolean fallback) {
    Object v = map.get(name);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Boolean b)) {
      throw error(name, "expected true or false, got " + v);
    }
    return b;
  }

  /** A count: a positive integer, or "all" (returned as empty). */
  Optional<Integer> count(String name) {
    Object v = map.get(name);
    if (v == null || "all".equals(v)) {
      return Optional.empty();
    }
    if (!(v instanceof Long l) || l < 1 || l > Integer.MAX_VALUE) {
      throw error(name, "expected a positive integer or \"all\", got " + v);
    }
    return Optional.of((int) (long) l);
  }

  @SuppressWarnings("unchecked")
  JsonFields object(String name) {
    Object v = map.get(name);
    if (!(v instanceof Map<?, ?>)) {
      throw error(
          name, v == null ? "missing (expected an object)" : "expected an object, got " + v);
    }
    return new JsonFields(file, path(name), (Map<String, Object>) v);
  }

  Optional<JsonFields> optObject(String name) {
    return has(name) ? Optional.of(object(name)) : Optional.empty();
  }

  List<Object> list(String name) {
    Object v = map.get(name);
    if (!(v instanceof List<?> l)) {
      throw error(name, v == null ? "missing (expected a list)" : "expected a list, got " + v);
    }
    return List.copyOf(l.stream().map(o -> (Object) o).toList());
  }

  @SuppressWarnings("unchecked")
  List<JsonFields> objects(String name) {
    List<Object> items = list(name);
    java.util.ArrayList<JsonFields> out = new java.util.ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof Map<?, ?> m)) {
        throw error(name, "item " + i + " is not an object");
      }
      out.add(new JsonFields(file, path(name) + "[" + i + "]", (Map<String, Object>) m));
    }
    return out;
  }
}
