package org.tinysim.engine.oracle.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tinysim.engine.tflite.TestModels;

/** PAD, RESHAPE, TRANSPOSE and CONCATENATION against hand-written index arithmetic. */
class LayoutOpsTest {

  private static byte[] iota(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i + 1);
    }
    return b;
  }

  @Test
  void padFillsTheBorderWithTheZeroPoint() {
    // 1x3x3x2 padded by H (1, 2) and W (0, 1) -> 1x6x4x2, zero point -7.
    byte[] in = iota(18);
    byte[] out = TinyModels.interpreter(TestModels.pad()).run(TensorData.int8(in)).get(0).int8();
    assertThat(out).hasSize(48);
    for (int y = 0; y < 6; y++) {
      for (int x = 0; x < 4; x++) {
        for (int c = 0; c < 2; c++) {
          boolean inside = y >= 1 && y <= 3 && x <= 2;
          byte expected = inside ? in[((y - 1) * 3 + x) * 2 + c] : -7;
          assertThat(out[(y * 4 + x) * 2 + c]).as("(%d,%d,%d)", y, x, c).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void reshapeKeepsTheBytes() {
    byte[] in = iota(24);
    assertThat(TinyModels.interpreter(TestModels.reshape()).run(TensorData.int8(in)).get(0).int8())
        .isEqualTo(in);
  }

  @Test
  void transposeMovesChannelsFirst() {
    // perm [0, 3, 1, 2]: out[c][h][w] = in[h][w][c] for 1x2x3x4 -> 1x4x2x3.
    byte[] in = iota(24);
    byte[] out =
        TinyModels.interpreter(TestModels.transpose()).run(TensorData.int8(in)).get(0).int8();
    for (int c = 0; c < 4; c++) {
      for (int h = 0; h < 2; h++) {
        for (int w = 0; w < 3; w++) {
          assertThat(out[(c * 2 + h) * 3 + w]).isEqualTo(in[(h * 3 + w) * 4 + c]);
        }
      }
    }
  }

  @Test
  void concatenationInterleavesAlongTheLastAxis() {
    byte[] x = iota(12);
    byte[] y = new byte[20];
    for (int i = 0; i < 20; i++) {
      y[i] = (byte) (-i - 1);
    }
    byte[] out =
        TinyModels.interpreter(TestModels.concatenation())
            .run(TensorData.int8(x), TensorData.int8(y))
            .get(0)
            .int8();
    for (int p = 0; p < 4; p++) {
      for (int c = 0; c < 8; c++) {
        byte expected = c < 3 ? x[p * 3 + c] : y[p * 5 + c - 3];
        assertThat(out[p * 8 + c]).isEqualTo(expected);
      }
    }
  }

  @Test
  void concatenationRequantisesInputsOfAnotherScale() {
    // y (s=0.25, zp=-3) into the output's s=0.5, zp=1: q = (y + 3) / 2 + 1 (even y + 3: exact).
    byte[] out =
        TinyModels.interpreter(TinyModels.concatenationRequantized())
            .run(TensorData.int8(new byte[] {7, -9}), TensorData.int8(new byte[] {-3, 5, -11}))
            .get(0)
            .int8();
    assertThat(out).containsExactly(7, -9, 1, 5, -3);
  }
}
