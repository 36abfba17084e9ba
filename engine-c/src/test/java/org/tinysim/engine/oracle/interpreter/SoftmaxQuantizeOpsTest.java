package org.tinysim.engine.oracle.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tinysim.engine.oracle.LogSoftmaxInt8;
import org.tinysim.engine.oracle.LogSoftmaxParams;
import org.tinysim.engine.oracle.SoftmaxInt8;
import org.tinysim.engine.oracle.SoftmaxParams;
import org.tinysim.engine.tflite.TestModels;

/**
 * SOFTMAX / LOG_SOFTMAX (int8: equal to the kernel with params from the reference's own derivation,
 * and within 1 LSB of float math; float32: float math) and the QUANTIZE / DEQUANTIZE chain
 * (hand-computed).
 */
class SoftmaxQuantizeOpsTest {

  // Logits with input scale 1/16: real values -2.5 .. 3.4.
  private static final byte[] LOGITS = {-40, -17, 0, 3, 9, 22, 31, 40, 54, 3};

  @Test
  void softmaxEqualsKernelAndFloatMath() {
    ReferenceInterpreter interp = TinyModels.interpreter(TestModels.softmax(-128));
    byte[] out = interp.run(TensorData.int8(LOGITS)).get(0).int8();

    byte[] expected = new byte[10];
    SoftmaxInt8.run(SoftmaxParams.fromQuantization(1f, 0.0625f), 10, LOGITS, expected);
    assertThat(out).isEqualTo(expected);

    double[] p = new double[10];
    double sum = 0;
    for (int i = 0; i < 10; i++) {
      p[i] = Math.exp((LOGITS[i] - 3) / 16.0); // the zero point 3 cancels out
      sum += p[i];
    }
    for (int i = 0; i < 10; i++) {
      assertThat((double) out[i]).isCloseTo(p[i] / sum * 256 - 128, within(1.0));
    }
  }

  @Test
  void int8LogSoftmaxEqualsKernelAndFloatMath() {
    ReferenceInterpreter interp = TinyModels.interpreter(TestModels.logSoftmax(true));
    byte[] out = interp.run(TensorData.int8(LOGITS)).get(0).int8();

    byte[] expected = new byte[10];
    LogSoftmaxInt8.run(LogSoftmaxParams.fromQuantization(0.0625f), 10, LOGITS, expected);
    assertThat(out).isEqualTo(expected);

    double logSum = Math.log(sumExp(LOGITS, 16.0));
    for (int i = 0; i < 10; i++) {
      double logP = LOGITS[i] / 16.0 - logSum;
      assertThat((double) out[i]).isCloseTo(logP * 16 + 127, within(1.0)); // s=1/16, zp 127
    }
  }

  @Test
  void floatLogSoftmaxMatchesDoubleMath() {
    ReferenceInterpreter interp = TinyModels.interpreter(TestModels.logSoftmax(false));
    float[] in = {-3f, 0f, 0.5f, 1f, 2f, 8f, -1f, 4.25f, 7.5f, 0f};
    float[] out = interp.run(TensorData.float32(in)).get(0).float32();
    double logSum = 0;
    for (float v : in) {
      logSum += Math.exp(v);
    }
    logSum = Math.log(logSum);
    for (int i = 0; i < 10; i++) {
      assertThat((double) out[i]).isCloseTo(in[i] - logSum, within(1e-5));
    }
  }

  @Test
  void quantizeRequantizeDequantizeChain() {
    // float -> int8 (s=0.5, zp=3) -> int8 (s=0.25, zp=-2) -> float.
    ReferenceInterpreter interp = TinyModels.interpreter(TestModels.quantizeChain());
    float[] in = {-0.75f, 0.3f, 7f, 100f};

    InterpreterRun run = interp.runAll(TensorData.float32(in));

    // -1.5 rounds away from zero to -2 (Java's Math.round would give -1); 200 + 3 saturates.
    assertThat(run.layer(0).output().int8()).containsExactly(1, 4, 17, 127);
    // (q - 3) * 2 - 2, saturated.
    assertThat(run.layer(1).output().int8()).containsExactly(-6, 0, 26, 127);
    assertThat(run.output(0).float32()).containsExactly(-1f, 0.5f, 7f, 32.25f);
  }

  private static double sumExp(byte[] q, double inverseScale) {
    double s = 0;
    for (byte v : q) {
      s += Math.exp(v / inverseScale);
    }
    return s;
  }
}
