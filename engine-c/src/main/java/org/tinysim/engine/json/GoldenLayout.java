package org.tinysim.engine.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.Instantiatable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Two-space indentation with one key per line, except that an object inside a list (a layer, a
 * record) is kept on one line: {@code { "index": 0, "op": "CONV_2D" }}.
 */
final class GoldenLayout implements PrettyPrinter, Instantiatable<GoldenLayout> {

  /** One entry per open container: true when it is written on one line. */
  private final Deque<Boolean> inline = new ArrayDeque<>();

  @Override
  public GoldenLayout createInstance() {
    return new GoldenLayout();
  }

  private boolean inline() {
    return !inline.isEmpty() && inline.peek();
  }

  private void newLine(JsonGenerator g) throws IOException {
    int depth = (int) inline.stream().filter(i -> !i).count();
    g.writeRaw("\n" + "  ".repeat(depth));
  }

  @Override
  public void writeRootValueSeparator(JsonGenerator g) {}

  @Override
  public void writeStartObject(JsonGenerator g) throws IOException {
    // Objects in lists go on one line; everything inside them too.
    boolean inList =
        g.getOutputContext().getParent() != null && g.getOutputContext().getParent().inArray();
    inline.push(inline() || inList);
    g.writeRaw('{');
  }

  @Override
  public void beforeObjectEntries(JsonGenerator g) throws IOException {
    if (inline()) {
      g.writeRaw(' ');
    } else {
      newLine(g);
    }
  }

  @Override
  public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(": ");
  }

  @Override
  public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
    separator(g);
  }

  private void separator(JsonGenerator g) throws IOException {
    g.writeRaw(',');
    if (inline()) {
      g.writeRaw(' ');
    } else {
      newLine(g);
    }
  }

  @Override
  public void writeEndObject(JsonGenerator g, int entries) throws IOException {
    boolean wasInline = inline.pop();
    if (entries > 0) {
      if (wasInline) {
        g.writeRaw(' ');
      } else {
        newLine(g);
      }
    }
    g.writeRaw('}');
  }

  @Override
  public void writeStartArray(JsonGenerator g) throws IOException {
    inline.push(inline());
    g.writeRaw('[');
  }

  @Override
  public void beforeArrayValues(JsonGenerator g) throws IOException {
    if (!inline()) {
      newLine(g);
    }
  }

  @Override
  public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
    separator(g);
  }

  @Override
  public void writeEndArray(JsonGenerator g, int values) throws IOException {
    boolean wasInline = inline.pop();
    if (values > 0 && !wasInline) {
      newLine(g);
    }
    g.writeRaw(']');
  }
}
