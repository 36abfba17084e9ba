package org.tinysim.engine.oracle.interpreter;

import org.tinysim.engine.oracle.FixedPointMath;
import org.tinysim.engine.oracle.MulParams;

/**
 * int8 MUL as TFLite's reference_integer_ops::Mul defines it: the product of the offset inputs,
 * requantised by s1*s2/s_out, plus the output offset, clamped. The reference package has no MUL
 * kernel, so this one lives here; none of the shared models uses MUL.
 */
final class MulInt8 {

  private MulInt8() {}

  /** {@code index1[i]}/{@code index2[i]} give the operand elements of output element i. */
  static void run(MulParams p, byte[] in1, int[] index1, byte[] in2, int[] index2, byte[] out) {
    for (int i = 0; i < out.length; i++) {
      int a = p.input1Offset() + in1[index1[i]];
      int b = p.input2Offset() + in2[index2[i]];
      int raw =
          FixedPointMath.multiplyByQuantizedMultiplier(a * b, p.outputMultiplier(), p.outputShift())
              + p.outputOffset();
      out[i] = (byte) FixedPointMath.clamp(raw, p.activationMin(), p.activationMax());
    }
  }
}
