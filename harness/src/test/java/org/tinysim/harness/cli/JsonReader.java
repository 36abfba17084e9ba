package org.tinysim.harness.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strict little JSON parser for checking the CLI's output: trailing text is an error. */
final class JsonReader {

  private final String s;
  private int i;

  private JsonReader(String s) {
    this.s = s;
  }

  static Object parse(String text) {
    JsonReader r = new JsonReader(text);
    Object v = r.value();
    r.space();
    if (r.i != text.length()) {
      throw new IllegalArgumentException("trailing text at " + r.i + ": " + text.substring(r.i));
    }
    return v;
  }

  private Object value() {
    space();
    char c = s.charAt(i);
    if (c == '{') {
      Map<String, Object> map = new LinkedHashMap<>();
      i++;
      space();
      if (s.charAt(i) == '}') {
        i++;
        return map;
      }
      do {
        space();
        String key = string();
        space();
        expect(':');
        map.put(key, value());
        space();
      } while (s.charAt(i++) == ',');
      if (s.charAt(i - 1) != '}') {
        throw new IllegalArgumentException("expected } at " + (i - 1));
      }
      return map;
    }
    if (c == '[') {
      List<Object> list = new ArrayList<>();
      i++;
      space();
      if (s.charAt(i) == ']') {
        i++;
        return list;
      }
      do {
        list.add(value());
        space();
      } while (s.charAt(i++) == ',');
      if (s.charAt(i - 1) != ']') {
        throw new IllegalArgumentException("expected ] at " + (i - 1));
      }
      return list;
    }
    if (c == '"') {
      return string();
    }
    for (String word : new String[] {"true", "false", "null"}) {
      if (s.startsWith(word, i)) {
        i += word.length();
        return word.equals("null") ? null : Boolean.valueOf(word);
      }
    }
    int start = i;
    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    String num = s.substring(start, i);
    if (num.isEmpty()) {
      throw new IllegalArgumentException("unexpected '" + c + "' at " + start);
    }
    return num.matches("-?\\d+") ? (Object) Long.parseLong(num) : (Object) Double.parseDouble(num);
  }

  private String string() {
    expect('"');
    StringBuilder b = new StringBuilder();
    while (true) {
      char c = s.charAt(i++);
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        throw new IllegalArgumentException("raw control character in string at " + (i - 1));
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = s.charAt(i++);
      switch (e) {
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'u' -> {
          b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          i += 4;
        }
        case '"', '\\', '/' -> b.append(e);
        default -> throw new IllegalArgumentException("bad escape \\" + e);
      }
    }
  }

  private void expect(char c) {
    if (s.charAt(i) != c) {
      throw new IllegalArgumentException("expected '" + c + "' at " + i + ", got '"
          + s.charAt(i) + "'");
    }
    i++;
  }

  private void space() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }
}
