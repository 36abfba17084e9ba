package org.tinysim.engine.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal logic-less template: {@code {{name}}} inserts a value, {@code {{#name}}...{{/name}}}
 * repeats its body once per element of a list of scopes (a nested scope falls back to the enclosing
 * ones), or once / never for a boolean. A section tag alone on its line takes the whole line with
 * it, so templates can be laid out like the C they produce. A missing value is an error: silently
 * empty output would compile into wrong C.
 */
public final class Template {

  private static final Pattern STANDALONE_SECTION =
      Pattern.compile("(?m)^[ \\t]*(\\{\\{[#/][\\w.]+\\}\\})[ \\t]*\\r?\\n");
  private static final Pattern TAG = Pattern.compile("\\{\\{([#/]?)([\\w.]+)\\}\\}");

  private sealed interface Node {}

  private record Text(String text) implements Node {}

  private record Value(String name) implements Node {}

  private record Section(String name, List<Node> body) implements Node {}

  private final String name;
  private final List<Node> nodes;

  private Template(String name, List<Node> nodes) {
    this.name = name;
    this.nodes = nodes;
  }

  public static Template parse(String name, String text) {
    String squeezed = STANDALONE_SECTION.matcher(text).replaceAll("$1");
    Matcher m = TAG.matcher(squeezed);
    List<List<Node>> stack = new ArrayList<>();
    List<String> open = new ArrayList<>();
    stack.add(new ArrayList<>());
    int at = 0;
    while (m.find()) {
      if (m.start() > at) {
        top(stack).add(new Text(squeezed.substring(at, m.start())));
      }
      at = m.end();
      String kind = m.group(1);
      String key = m.group(2);
      if (kind.equals("#")) {
        open.add(key);
        stack.add(new ArrayList<>());
      } else if (kind.equals("/")) {
        if (open.isEmpty() || !open.get(open.size() - 1).equals(key)) {
          throw new IllegalArgumentException(
              "template "
                  + name
                  + ": {{/"
                  + key
                  + "}} does not close the open section "
                  + (open.isEmpty() ? "(none)" : open));
        }
        List<Node> body = stack.remove(stack.size() - 1);
        open.remove(open.size() - 1);
        top(stack).add(new Section(key, List.copyOf(body)));
      } else {
        top(stack).add(new Value(key));
      }
    }
    if (!open.isEmpty()) {
      throw new IllegalArgumentException(
          "template " + name + ": section(s) " + open + " never closed");
    }
    if (at < squeezed.length()) {
      top(stack).add(new Text(squeezed.substring(at)));
    }
    return new Template(name, List.copyOf(stack.get(0)));
  }

  /** Loads {@code org/tinysim/engine/codegen/<resource>} from the classpath. */
  public static Template resource(String resource) {
    String path = "/org/tinysim/engine/codegen/" + resource;
    try (InputStream in = Template.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("template resource " + path + " is not on the classpath");
      }
      return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read template " + path, e);
    }
  }

  public String name() {
    return name;
  }

  public String render(Map<String, ?> scope) {
    StringBuilder out = new StringBuilder();
    List<Map<String, ?>> scopes = new ArrayList<>();
    scopes.add(scope);
    render(nodes, scopes, out);
    return out.toString();
  }

  private void render(List<Node> body, List<Map<String, ?>> scopes, StringBuilder out) {
    for (Node node : body) {
      if (node instanceof Text t) {
        out.append(t.text());
      } else if (node instanceof Value v) {
        Object value = lookup(v.name(), scopes);
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
          throw new IllegalArgumentException(
              "template " + name + ": '" + v.name() + "' is a section value, not text");
        }
        out.append(value);
      } else if (node instanceof Section s) {
        renderSection(s, lookup(s.name(), scopes), scopes, out);
      }
    }
  }

  private void renderSection(
      Section s, Object value, List<Map<String, ?>> scopes, StringBuilder out) {
    if (value instanceof Boolean b) {
      if (b) {
        render(s.body(), scopes, out);
      }
    } else if (value instanceof List<?> items) {
      for (Object item : items) {
        if (!(item instanceof Map<?, ?> map)) {
          throw new IllegalArgumentException(
              "template "
                  + name
                  + ": section '"
                  + s.name()
                  + "' holds a "
                  + item.getClass().getSimpleName()
                  + ", expected a map");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> inner = (Map<String, ?>) map;
        scopes.add(inner);
        render(s.body(), scopes, out);
        scopes.remove(scopes.size() - 1);
      }
    } else {
      throw new IllegalArgumentException(
          "template "
              + name
              + ": section '"
              + s.name()
              + "' needs a list or a boolean, got "
              + value.getClass().getSimpleName());
    }
  }

  private Object lookup(String key, List<Map<String, ?>> scopes) {
    for (int i = scopes.size() - 1; i >= 0; i--) {
      Object value = scopes.get(i).get(key);
      if (value != null) {
        return value;
      }
    }
    throw new IllegalArgumentException("template " + name + ": no value for '" + key + "'");
  }

  private static List<Node> top(List<List<Node>> stack) {
    return stack.get(stack.size() - 1);
  }
}
