package org.tinysim.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** PAD, RESHAPE and TRANSPOSE: pure data movement, so expectations are exact. */
class LayoutKernelsTest {

  @Test
  void padFillsBorderWithPadValue() {
    byte[] out = new byte[9];
    int[] outShape =
        PadInt8.run(
            new int[] {1, 1, 2, 1},
            new byte[] {5, 6},
            new int[] {0, 1, 1, 0},
            new int[] {0, 1, 0, 0},
            (byte) -3,
            out);
    assertThat(outShape).containsExactly(1, 3, 3, 1);
    assertThat(out).containsExactly(-3, -3, -3, -3, 5, 6, -3, -3, -3);
  }

  @Test
  void padTwoDimensional() {
    byte[] out = new byte[12];
    PadInt8.run(
        new int[] {2, 2},
        new byte[] {1, 2, 3, 4},
        new int[] {1, 0},
        new int[] {0, 2},
        (byte) 0,
        out);
    assertThat(out).containsExactly(0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0);
    assertThatThrownBy(
            () ->
                PadInt8.run(
                    new int[] {2},
                    new byte[2],
                    new int[] {-1},
                    new int[] {0},
                    (byte) 0,
                    new byte[1]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reshapeCopiesAndChecksSize() {
    byte[] out = new byte[6];
    ReshapeInt8.run(new int[] {1, 2, 3}, new byte[] {1, 2, 3, 4, 5, 6}, new int[] {6}, out);
    assertThat(out).containsExactly(1, 2, 3, 4, 5, 6);
    assertThatThrownBy(
            () -> ReshapeInt8.run(new int[] {2, 3}, new byte[6], new int[] {5}, new byte[5]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void transposeHandComputed() {
    byte[] out = new byte[6];
    // [[1,2,3],[4,5,6]]^T = [[1,4],[2,5],[3,6]]
    assertThat(
            TransposeInt8.run(
                new int[] {2, 3}, new byte[] {1, 2, 3, 4, 5, 6}, new int[] {1, 0}, out))
        .containsExactly(3, 2);
    assertThat(out).containsExactly(1, 4, 2, 5, 3, 6);
    // NHWC 1x1x2x3 -> NCHW 1x3x1x2
    byte[] nhwc = {1, 2, 3, 4, 5, 6}; // pixel0 = (1,2,3), pixel1 = (4,5,6)
    TransposeInt8.run(new int[] {1, 1, 2, 3}, nhwc, new int[] {0, 3, 1, 2}, out);
    assertThat(out).containsExactly(1, 4, 2, 5, 3, 6);
    assertThatThrownBy(
            () -> TransposeInt8.run(new int[] {2, 3}, new byte[6], new int[] {0, 0}, new byte[6]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Checks the gather implementation against an independent scatter formulation, ranks 1..5. */
  @Test
  void transposeMatchesScatterDefinition() {
    Random rnd = new Random(49);
    for (int iter = 0; iter < 200; iter++) {
      int rank = 1 + rnd.nextInt(5);
      int[] shape = new int[rank];
      int size = 1;
      for (int d = 0; d < rank; d++) {
        shape[d] = 1 + rnd.nextInt(4);
        size *= shape[d];
      }
      int[] perm = randomPermutation(rnd, rank);
      byte[] in = QuantTestSupport.randomInt8(rnd, size);
      byte[] out = new byte[size];
      int[] outShape = TransposeInt8.run(shape, in, perm, out);

      byte[] expected = new byte[size];
      int[] idx = new int[rank];
      for (int flat = 0; flat < size; flat++) {
        // decode flat -> input multi-index
        int rem = flat;
        for (int d = rank - 1; d >= 0; d--) {
          idx[d] = rem % shape[d];
          rem /= shape[d];
        }
        // output coordinate d is input coordinate perm[d]
        int o = 0;
        for (int d = 0; d < rank; d++) {
          o = o * outShape[d] + idx[perm[d]];
        }
        expected[o] = in[flat];
      }
      assertThat(out)
          .as("shape %s perm %s", java.util.Arrays.toString(shape), java.util.Arrays.toString(perm))
          .containsExactly(expected);
    }
  }

  private static int[] randomPermutation(Random rnd, int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
