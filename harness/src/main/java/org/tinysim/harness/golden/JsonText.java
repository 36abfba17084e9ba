package org.tinysim.harness.golden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for golden files: a small parser (objects keep key order; numbers become Long or Double)
 * whose errors give line and column, and a writer that puts one number per line so a re-bless
 * diffs as a list of changed numbers. Lists of flat objects stay one object per line.
 */
public final class JsonText {

  private final String text;
  private final String source;
  private int at;

  private JsonText(String text, String source) {
    this.text = text;
    this.source = source;
  }

  /** Parses {@code text}; {@code source} names the file in errors. */
  public static Object parse(String text, String source) {
    JsonText p = new JsonText(text, source);
    p.skipSpace();
    Object value = p.value();
    p.skipSpace();
    if (p.at != text.length()) {
      throw p.error("unexpected text after the JSON value");
    }
    return value;
  }

  private Object value() {
    if (at >= text.length()) {
      throw error("unexpected end of file");
    }
    char c = text.charAt(at);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> {
        if (c == '-' || Character.isDigit(c)) {
          yield number();
        }
        throw error("unexpected character '" + c + "'");
      }
    };
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    at++;
    skipSpace();
    if (peek('}')) {
      at++;
      return map;
    }
    while (true) {
      skipSpace();
      if (!peek('"')) {
        throw error("expected a quoted key");
      }
      String key = string();
      skipSpace();
      expect(':');
      skipSpace();
      if (map.containsKey(key)) {
        throw error("duplicate key \"" + key + "\"");
      }
      map.put(key, value());
      skipSpace();
      if (peek(',')) {
        at++;
        continue;
      }
      expect('}');
      return map;
    }
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    at++;
    skipSpace();
    if (peek(']')) {
      at++;
      return list;
    }
    while (true) {
      skipSpace();
      list.add(value());
      skipSpace();
      if (peek(',')) {
        at++;
        continue;
      }
      expect(']');
      return list;
    }
  }

  private String string() {
    StringBuilder s = new StringBuilder();
    at++;
    while (true) {
      if (at >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(at++);
      if (c == '"') {
        return s.toString();
      }
      if (c != '\\') {
        s.append(c);
        continue;
      }
      if (at >= text.length()) {
        throw error("unterminated escape");
      }
      char e = text.charAt(at++);
      switch (e) {
        case '"', '\\', '/' -> s.append(e);
        case 'n' -> s.append('\n');
        case 't' -> s.append('\t');
        case 'r' -> s.append('\r');
        case 'b' -> s.append('\b');
        case 'f' -> s.append('\f');
        case 'u' -> {
          if (at + 4 > text.length()) {
            throw error("short \\u escape");
          }
          s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        }
        default -> throw error("unknown escape \\" + e);
      }
    }
  }

  private Object number() {
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    String n = text.substring(start, at);
    try {
      if (n.contains(".") || n.contains("e") || n.contains("E")) {
        return Double.parseDouble(n);
      }
      return Long.parseLong(n);
    } catch (NumberFormatException e) {
      at = start;
      throw error("bad number '" + n + "'");
    }
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, at)) {
      throw error("unexpected word");
    }
    at += word.length();
    return value;
  }

  private boolean peek(char c) {
    return at < text.length() && text.charAt(at) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("expected '" + c + "'");
    }
    at++;
  }

  private void skipSpace() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private CaseFormatException error(String message) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < Math.min(at, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new CaseFormatException(source + ":" + line + ":" + column + ": " + message);
  }

  /** Indented JSON: nested objects one key per line; lists of flat objects one per line. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, "");
    return out.append('\n').toString();
  }

  private static void write(StringBuilder out, Object value, String indent) {
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      out.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(indent).append("  ");
        scalar(out, String.valueOf(e.getKey()));
        out.append(": ");
        write(out, e.getValue(), indent + "  ");
        out.append(++i < map.size() ? ",\n" : "\n");
      }
      out.append(indent).append('}');
    } else if (value instanceof List<?> list && !list.isEmpty()) {
      out.append("[\n");
      for (int i = 0; i < list.size(); i++) {
        out.append(indent).append("  ");
        if (list.get(i) instanceof Map<?, ?> m && m.values().stream().allMatch(JsonText::isScalar)) {
          inline(out, m);
        } else {
          write(out, list.get(i), indent + "  ");
        }
        out.append(i + 1 < list.size() ? ",\n" : "\n");
      }
      out.append(indent).append(']');
    } else if (value instanceof Map<?, ?>) {
      out.append("{}");
    } else if (value instanceof List<?>) {
      out.append("[]");
    } else {
      scalar(out, value);
    }
  }

  private static boolean isScalar(Object v) {
    return !(v instanceof Map<?, ?>) && !(v instanceof List<?>);
  }

  private static void inline(StringBuilder out, Map<?, ?> map) {
    out.append("{ ");
    int i = 0;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      scalar(out, String.valueOf(e.getKey()));
      out.append(": ");
      scalar(out, e.getValue());
      out.append(++i < map.size() ? ", " : " ");
    }
    out.append('}');
  }

  private static void scalar(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      out.append('"');
      for (char c : s.toCharArray()) {
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\t' -> out.append("\\t");
          default -> {
            if (c < 0x20 || c > 0x7e) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      out.append('"');
    } else if (value instanceof Double d) {
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("JSON has no " + d);
      }
      out.append(d);
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass() + " as JSON");
    }
  }
}
