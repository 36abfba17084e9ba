package org.tinysim.engine.codegen;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.tinysim.engine.ir.Shape;

/** Formatting of C literals; kept in one place so every template gets the same layout. */
final class CSyntax {

  private static final int PER_LINE = 16;

  private CSyntax() {}

  /** Comma-separated values, {@value #PER_LINE} per line, each line indented by 4 spaces. */
  static String list(int[] values) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      b.append(i % PER_LINE == 0 ? (i == 0 ? "    " : ",\n    ") : ", ");
      b.append(literal(values[i]));
    }
    return b.toString();
  }

  static String list(byte[] values) {
    int[] ints = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      ints[i] = values[i];
    }
    return list(ints);
  }

  /** INT32_MIN has no literal form in C: -2147483648 is unary minus on an unsigned long. */
  static String literal(int value) {
    return value == Integer.MIN_VALUE ? "INT32_MIN" : Integer.toString(value);
  }

  /** A float literal that parses back to exactly {@code value} (Java's shortest repr + f). */
  static String floatLiteral(float value) {
    if (!Float.isFinite(value)) {
      throw new IllegalArgumentException("non-finite float " + value + " has no C literal");
    }
    return Float.toString(value).replace("E", "e") + "f";
  }

  /** tsn_dims initializer {n, h, w, c} for an NHWC shape of rank 1..4 (missing outer dims = 1). */
  static String dims(Shape shape) {
    return dims(nhwc(shape));
  }

  static String dims(int[] nhwc) {
    return "{ "
        + Arrays.stream(nhwc).mapToObj(Integer::toString).collect(Collectors.joining(", "))
        + " }";
  }

  /** A rank <= 4 shape padded with leading 1s to rank 4. */
  static int[] nhwc(Shape shape) {
    if (shape.rank() > 4) {
      throw new IllegalArgumentException("shape " + shape + " has more than 4 dimensions");
    }
    int[] out = {1, 1, 1, 1};
    for (int i = 0; i < shape.rank(); i++) {
      out[4 - shape.rank() + i] = shape.dim(i);
    }
    return out;
  }

  /** A C identifier fragment from an arbitrary tensor name (for comments and array names). */
  static String identifier(String name) {
    String id = name.replaceAll("[^A-Za-z0-9_]", "_");
    return id.length() > 40 ? id.substring(0, 40) : id;
  }

  /** Text safe inside a C block comment. */
  static String comment(String text) {
    return text.replace("*/", "* /");
  }
}
