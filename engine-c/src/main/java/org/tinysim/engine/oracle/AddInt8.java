package org.tinysim.engine.oracle;

import static org.tinysim.engine.oracle.FixedPointMath.clamp;
import static org.tinysim.engine.oracle.FixedPointMath.multiplyByQuantizedMultiplierSmallerThanOneExp;

/**
 * int8 ADD with TFLite {@code reference_integer_ops::Add} semantics: each input is offset, shifted
 * left by {@code leftShift}, rescaled to a common scale, summed, rescaled to the output scale,
 * offset and clamped. Also supports numpy-style broadcasting of either input (TFLite's {@code
 * BroadcastAdd6DSlow}), which evaluates the same per-element function.
 */
public final class AddInt8 {

  private AddInt8() {}

  /** Element-wise add of two equally sized tensors. */
  public static void run(AddParams p, byte[] input1, byte[] input2, byte[] output) {
    if (input1.length != input2.length || input1.length != output.length) {
      throw new IllegalArgumentException("element-wise ADD needs equal sizes");
    }
    for (int i = 0; i < output.length; i++) {
      output[i] = add(p, input1[i], input2[i]);
    }
  }

  /**
   * Broadcasting add. Shapes are row-major, right-aligned against {@code outShape}; each input
   * dimension must equal the output's or be 1.
   */
  public static void runBroadcast(
      AddParams p,
      int[] shape1,
      byte[] input1,
      int[] shape2,
      byte[] input2,
      int[] outShape,
      byte[] output) {
    int rank = outShape.length;
    int[] strides1 = broadcastStrides(shape1, outShape);
    int[] strides2 = broadcastStrides(shape2, outShape);
    requireSize(shape1, input1, "input1");
    requireSize(shape2, input2, "input2");
    requireSize(outShape, output, "output");
    int[] index = new int[rank];
    for (int out = 0; out < output.length; out++) {
      int i1 = 0;
      int i2 = 0;
      for (int d = 0; d < rank; d++) {
        i1 += index[d] * strides1[d];
        i2 += index[d] * strides2[d];
      }
      output[out] = add(p, input1[i1], input2[i2]);
      // advance the row-major odometer
      for (int d = rank - 1; d >= 0; d--) {
        if (++index[d] < outShape[d]) {
          break;
        }
        index[d] = 0;
      }
    }
  }

  static byte add(AddParams p, byte x, byte y) {
    int shifted1 = (p.input1Offset() + x) * (1 << p.leftShift());
    int shifted2 = (p.input2Offset() + y) * (1 << p.leftShift());
    int scaled1 =
        multiplyByQuantizedMultiplierSmallerThanOneExp(
            shifted1, p.input1Multiplier(), p.input1Shift());
    int scaled2 =
        multiplyByQuantizedMultiplierSmallerThanOneExp(
            shifted2, p.input2Multiplier(), p.input2Shift());
    int rawOutput =
        multiplyByQuantizedMultiplierSmallerThanOneExp(
                scaled1 + scaled2, p.outputMultiplier(), p.outputShift())
            + p.outputOffset();
    return (byte) clamp(rawOutput, p.activationMin(), p.activationMax());
  }

  /** Element strides of {@code shape} laid over {@code outShape}, 0 where it is broadcast. */
  private static int[] broadcastStrides(int[] shape, int[] outShape) {
    if (shape.length > outShape.length) {
      throw new IllegalArgumentException("input rank exceeds output rank");
    }
    int[] strides = new int[outShape.length];
    int stride = 1;
    for (int d = outShape.length - 1, s = shape.length - 1; d >= 0; d--, s--) {
      int dim = s >= 0 ? shape[s] : 1;
      if (dim != outShape[d] && dim != 1) {
        throw new IllegalArgumentException(
            "dimension " + dim + " does not broadcast to " + outShape[d]);
      }
      strides[d] = dim == 1 ? 0 : stride;
      stride *= dim;
    }
    return strides;
  }

  private static void requireSize(int[] shape, byte[] data, String what) {
    long size = 1;
    for (int dim : shape) {
      size *= dim;
    }
    if (size != data.length) {
      throw new IllegalArgumentException(
          what + " has " + data.length + " elements, shape needs " + size);
    }
  }
}
