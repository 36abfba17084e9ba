package org.tinysim.engine.tflite;

import com.google.flatbuffers.FlatBufferBuilder;

/** Serialises a {@link BuiltinOptions} record as its table: the inverse of OptionsParser. */
final class OptionsWriter {

  private OptionsWriter() {}

  /**
   * Writes the options table and returns its offset, or 0 when the operator has no options. {@code
   * where} names the operator for the error raised by undecoded ({@code Other}) options.
   */
  static int write(FlatBufferBuilder b, BuiltinOptions options, String where) {
    if (options instanceof BuiltinOptions.None) {
      return 0;
    }
    if (options instanceof BuiltinOptions.Conv2D o) {
      b.startTable(6);
      b.addByte(0, (byte) o.padding(), 0);
      b.addInt(1, o.strideW(), 0);
      b.addInt(2, o.strideH(), 0);
      b.addByte(3, (byte) o.fusedActivation(), 0);
      b.addInt(4, o.dilationW(), 1);
      b.addInt(5, o.dilationH(), 1);
      return b.endTable();
    }
    if (options instanceof BuiltinOptions.DepthwiseConv2D o) {
      b.startTable(7);
      b.addByte(0, (byte) o.padding(), 0);
      b.addInt(1, o.strideW(), 0);
      b.addInt(2, o.strideH(), 0);
      b.addInt(3, o.depthMultiplier(), 0);
      b.addByte(4, (byte) o.fusedActivation(), 0);
      b.addInt(5, o.dilationW(), 1);
      b.addInt(6, o.dilationH(), 1);
      return b.endTable();
    }
    if (options instanceof BuiltinOptions.Pool2D o) {
      b.startTable(6);
      b.addByte(0, (byte) o.padding(), 0);
      b.addInt(1, o.strideW(), 0);
      b.addInt(2, o.strideH(), 0);
      b.addInt(3, o.filterWidth(), 0);
      b.addInt(4, o.filterHeight(), 0);
      b.addByte(5, (byte) o.fusedActivation(), 0);
      return b.endTable();
    }
    if (options instanceof BuiltinOptions.FullyConnected o) {
      b.startTable(4);
      b.addByte(0, (byte) o.fusedActivation(), 0);
      b.addByte(1, (byte) o.weightsFormat(), 0);
      b.addBoolean(2, o.keepNumDims(), false);
      b.addBoolean(3, o.asymmetricQuantizeInputs(), false);
      return b.endTable();
    }
    if (options instanceof BuiltinOptions.Softmax o) {
      b.startTable(1);
      b.addFloat(0, o.beta(), 0);
      return b.endTable();
    }
    if (options instanceof BuiltinOptions.Concatenation o) {
      b.startTable(2);
      b.addInt(0, o.axis(), 0);
      b.addByte(1, (byte) o.fusedActivation(), 0);
      return b.endTable();
    }
    if (options instanceof BuiltinOptions.Add o) {
      b.startTable(2);
      b.addByte(0, (byte) o.fusedActivation(), 0);
      b.addBoolean(1, o.potScaleInt16(), true);
      return b.endTable();
    }
    if (options instanceof BuiltinOptions.Mul o) {
      b.startTable(1);
      b.addByte(0, (byte) o.fusedActivation(), 0);
      return b.endTable();
    }
    if (options instanceof BuiltinOptions.Reshape o) {
      int shape = o.newShape() == null ? 0 : FbVectors.ints(b, o.newShape());
      b.startTable(1);
      if (shape != 0) {
        b.addOffset(0, shape, 0);
      }
      return b.endTable();
    }
    if (options instanceof BuiltinOptions.Reducer o) {
      b.startTable(1);
      b.addBoolean(0, o.keepDims(), false);
      return b.endTable();
    }
    if (options instanceof BuiltinOptions.Empty) {
      b.startTable(0);
      return b.endTable();
    }
    // Other: the reader kept only the union type code, so there is no table to write.
    throw new IllegalArgumentException(
        where
            + ": cannot write builtin options of union type "
            + options.unionType()
            + " (not decoded by this reader)");
  }
}
