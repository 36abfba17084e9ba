package org.tinysim.harness.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.tinysim.harness.cli.FlatWriter.Bytes;
import org.tinysim.harness.cli.FlatWriter.Floats;
import org.tinysim.harness.cli.FlatWriter.Ints;
import org.tinysim.harness.cli.FlatWriter.Longs;
import org.tinysim.harness.cli.FlatWriter.Str;
import org.tinysim.harness.cli.FlatWriter.Table;
import org.tinysim.harness.cli.FlatWriter.Tables;

/** Tiny .tflite models (schema v3 field ids) written from scratch for the CLI tests. */
final class TinyModels {

  static final int IN = 12;
  static final int OUT = 5;
  private static final int INT8 = 9;
  private static final int INT32 = 2;
  private static final int FULLY_CONNECTED = 9;
  private static final int MUL = 18;
  private static final int ADD = 0;

  private TinyModels() {}

  /** input int8 [1,12] -> FULLY_CONNECTED (weights [5,12], bias [5]) -> output int8 [1,5]. */
  static byte[] fullyConnected() {
    return model(FULLY_CONNECTED, new int[] {0, 1, 2}, OUT);
  }

  /** The same graph with an opcode tinysim does not compile (builtin 28, TANH). */
  static byte[] unsupportedOp() {
    return model(28, new int[] {0}, OUT);
  }

  /** input int8 [1,12] squared by MUL into [1,12]: imported and interpreted, no C kernel. */
  static byte[] mulWithoutKernel() {
    return model(MUL, new int[] {0, 0}, IN);
  }

  private static byte[] model(int builtinCode, int[] opInputs, int outputWidth) {
    byte[] weights = new byte[OUT * IN];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (byte) ((i * 37 + 11) % 255 - 127);
    }
    ByteBuffer bias = ByteBuffer.allocate(4 * OUT).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < OUT; i++) {
      bias.putInt(i * 150 - 300);
    }
    Table input = tensor(new int[] {1, IN}, INT8, 0, "input", 0.05f, -3);
    Table w = tensor(new int[] {OUT, IN}, INT8, 1, "weights", 0.02f, 0);
    Table b = tensor(new int[] {OUT}, INT32, 2, "bias", 0.001f, 0);
    Table output = tensor(new int[] {1, outputWidth}, INT8, 0, "output", 0.1f, 2);
    Table op = new Table().put(0, 0).put(1, new Ints(opInputs)).put(2, new Ints(new int[] {3}));
    Table subgraph =
        new Table()
            .put(0, new Tables(List.of(input, w, b, output)))
            .put(1, new Ints(new int[] {0}))
            .put(2, new Ints(new int[] {3}))
            .put(3, new Tables(List.of(op)))
            .put(4, new Str("main"));
    Table code = new Table().put(0, Math.min(builtinCode, 127)).put(2, 1).put(3, builtinCode);
    Table model =
        new Table()
            .put(0, 3)
            .put(1, new Tables(List.of(code)))
            .put(2, new Tables(List.of(subgraph)))
            .put(3, new Str("tinysim cli test"))
            .put(
                4,
                new Tables(
                    List.of(
                        new Table(),
                        new Table().put(0, new Bytes(weights)),
                        new Table().put(0, new Bytes(bias.array())))));
    return FlatWriter.write(model, "TFL3");
  }

  /**
   * input int8 [1,12] -> ADD(input, input) -> sum [1,12] -> FULLY_CONNECTED -> output [1,5], where
   * the last sum element has weight 0: an error there never reaches the output.
   */
  static byte[] addHiddenByFullyConnected() {
    byte[] weights = new byte[OUT * IN];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = i % IN == IN - 1 ? 0 : (byte) ((i * 37 + 11) % 255 - 127);
    }
    ByteBuffer bias = ByteBuffer.allocate(4 * OUT).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < OUT; i++) {
      bias.putInt(i * 150 - 300);
    }
    Table input = tensor(new int[] {1, IN}, INT8, 0, "input", 0.05f, -3);
    Table w = tensor(new int[] {OUT, IN}, INT8, 1, "weights", 0.02f, 0);
    Table b = tensor(new int[] {OUT}, INT32, 2, "bias", 0.002f, 0);
    Table sum = tensor(new int[] {1, IN}, INT8, 0, "sum", 0.1f, 1);
    Table output = tensor(new int[] {1, OUT}, INT8, 0, "output", 0.2f, 2);
    Table add =
        new Table().put(0, 0).put(1, new Ints(new int[] {0, 0})).put(2, new Ints(new int[] {3}));
    Table fc =
        new Table().put(0, 1).put(1, new Ints(new int[] {3, 1, 2})).put(2, new Ints(new int[] {4}));
    Table subgraph =
        new Table()
            .put(0, new Tables(List.of(input, w, b, sum, output)))
            .put(1, new Ints(new int[] {0}))
            .put(2, new Ints(new int[] {4}))
            .put(3, new Tables(List.of(add, fc)))
            .put(4, new Str("main"));
    Table model =
        new Table()
            .put(0, 3)
            .put(
                1,
                new Tables(
                    List.of(
                        new Table().put(0, ADD).put(2, 1).put(3, ADD),
                        new Table().put(0, FULLY_CONNECTED).put(2, 1).put(3, FULLY_CONNECTED))))
            .put(2, new Tables(List.of(subgraph)))
            .put(3, new Str("tinysim cli test"))
            .put(
                4,
                new Tables(
                    List.of(
                        new Table(),
                        new Table().put(0, new Bytes(weights)),
                        new Table().put(0, new Bytes(bias.array())))));
    return FlatWriter.write(model, "TFL3");
  }

  private static Table tensor(
      int[] shape, int type, int buffer, String name, float scale, int zeroPoint) {
    Table quant =
        new Table()
            .put(2, new Floats(new float[] {scale}))
            .put(3, new Longs(new long[] {zeroPoint}));
    return new Table()
        .put(0, new Ints(shape))
        .put(1, type)
        .put(2, buffer)
        .put(3, new Str(name))
        .put(4, quant);
  }
}
