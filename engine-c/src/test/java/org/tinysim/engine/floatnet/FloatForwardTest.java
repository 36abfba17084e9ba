package org.tinysim.engine.floatnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.floatnet.FloatLayer.Add;
import org.tinysim.engine.floatnet.FloatLayer.AveragePool2D;
import org.tinysim.engine.floatnet.FloatLayer.Conv2D;
import org.tinysim.engine.floatnet.FloatLayer.DepthwiseConv2D;
import org.tinysim.engine.floatnet.FloatLayer.Flatten;
import org.tinysim.engine.floatnet.FloatLayer.FullyConnected;
import org.tinysim.engine.floatnet.FloatLayer.MaxPool2D;
import org.tinysim.engine.floatnet.FloatLayer.Softmax;
import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.Padding;

class FloatForwardTest {

  /** 4x4x1 input holding 1..16 row-major. */
  private static float[] oneToSixteen() {
    float[] v = new float[16];
    for (int i = 0; i < 16; i++) {
      v[i] = i + 1;
    }
    return v;
  }

  private static float[] ones(int n) {
    float[] v = new float[n];
    java.util.Arrays.fill(v, 1f);
    return v;
  }

  private static float[] last(FloatNetwork net, float[] input) {
    float[][] t = FloatForward.run(net, input);
    return t[t.length - 1];
  }

  @Test
  void sameConvStrideTwoPutsExtraPadBottomRight() {
    // 4x4 input, 3x3 kernel, stride 2: out 2x2, total pad 1 -> 0 before, 1 after.
    Conv2D conv =
        new Conv2D(
            "c", 0, 1, 3, 3, 2, 2, Padding.SAME, Activation.NONE, ones(9), new float[] {0.5f});
    FloatNetwork net = new FloatNetwork("n", new int[] {1, 4, 4, 1}, List.of(conv));
    float[] out = last(net, oneToSixteen());
    // windows: rows 0-2 x cols 0-2; rows 0-2 x cols 2-3; rows 2-3 x cols 0-2; rows 2-3 x cols 2-3.
    float w00 = 1 + 2 + 3 + 5 + 6 + 7 + 9 + 10 + 11;
    float w01 = 3 + 4 + 7 + 8 + 11 + 12;
    float w10 = 9 + 10 + 11 + 13 + 14 + 15;
    float w11 = 11 + 12 + 15 + 16;
    assertThat(out).containsExactly(w00 + 0.5f, w01 + 0.5f, w10 + 0.5f, w11 + 0.5f);
    assertThat(net.outputShape()).containsExactly(1, 2, 2, 1);
  }

  @Test
  void sameConvStrideOnePadsOneOnEachSide() {
    Conv2D conv =
        new Conv2D("c", 0, 1, 3, 3, 1, 1, Padding.SAME, Activation.NONE, ones(9), new float[] {0});
    FloatNetwork net = new FloatNetwork("n", new int[] {1, 4, 4, 1}, List.of(conv));
    float[] out = last(net, oneToSixteen());
    assertThat(out[0]).isEqualTo(1 + 2 + 5 + 6);
    assertThat(out[5]).isEqualTo(1 + 2 + 3 + 5 + 6 + 7 + 9 + 10 + 11);
    assertThat(out[15]).isEqualTo(11 + 12 + 15 + 16);
  }

  @Test
  void validConvMixesChannelsWithOhwiWeightsAndRelu() {
    // 2x2x2 input, 2 output channels, 2x2 kernel VALID -> 1x1x2.
    float[] in = {1, 10, 2, 20, 3, 30, 4, 40}; // (y,x,c)
    float[] w = new float[16];
    // out 0: sum of channel 0; out 1: minus sum of channel 1.
    for (int k = 0; k < 4; k++) {
      w[k * 2] = 1;
      w[8 + k * 2 + 1] = -1;
    }
    Conv2D conv =
        new Conv2D("c", 0, 2, 2, 2, 1, 1, Padding.VALID, Activation.RELU, w, new float[] {1, 50});
    FloatNetwork net = new FloatNetwork("n", new int[] {1, 2, 2, 2}, List.of(conv));
    assertThat(last(net, in)).containsExactly(11f, 0f); // 1+2+3+4+1 ; relu(50-100)
  }

  @Test
  void depthwiseKeepsChannelsApartAndClampsRelu6() {
    float[] in = {1, -1, 2, -2, 3, -3, 4, -4}; // 2x2x2
    float[] w = {1, 1, 1, 1, 1, 1, 1, 1}; // 2x2 kernel, 2 channels
    DepthwiseConv2D dw =
        new DepthwiseConv2D(
            "d", 0, 2, 2, 1, 1, Padding.VALID, Activation.RELU6, w, new float[] {0, 20});
    FloatNetwork net = new FloatNetwork("n", new int[] {1, 2, 2, 2}, List.of(dw));
    assertThat(last(net, in)).containsExactly(6f, 6f); // min(6, 10) ; min(6, 20-10)
  }

  @Test
  void depthwiseRowPathMatchesTheGeneralPath() {
    // Stride (1,1) takes the row-tiled path, stride (1,2) the general one; compare columns.
    java.util.Random rnd = new java.util.Random(9);
    float[] in = new float[5 * 6 * 3];
    float[] w = new float[9 * 3];
    for (int i = 0; i < in.length; i++) {
      in[i] = (float) rnd.nextGaussian();
    }
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) rnd.nextGaussian();
    }
    float[] bias = {0.1f, -0.2f, 0.3f};
    float[] rows =
        last(
            new FloatNetwork(
                "r",
                new int[] {1, 5, 6, 3},
                List.of(
                    new DepthwiseConv2D(
                        "d", 0, 3, 3, 1, 1, Padding.SAME, Activation.RELU6, w, bias))),
            in);
    float[] strided =
        last(
            new FloatNetwork(
                "s",
                new int[] {1, 5, 6, 3},
                List.of(
                    new DepthwiseConv2D(
                        "d", 0, 3, 3, 1, 2, Padding.SAME, Activation.RELU6, w, bias))),
            in);
    // SAME stride 2 over width 6 pads 0 before (1 after): column j is centred on input 2j + 1.
    for (int y = 0; y < 5; y++) {
      for (int j = 0; j < 3; j++) {
        for (int c = 0; c < 3; c++) {
          assertThat(strided[(y * 3 + j) * 3 + c]).isEqualTo(rows[(y * 6 + 2 * j + 1) * 3 + c]);
        }
      }
    }
  }

  @Test
  void poolsSkipPaddedPositions() {
    AveragePool2D avg = new AveragePool2D("a", 0, 3, 3, 2, 2, Padding.SAME);
    MaxPool2D max = new MaxPool2D("m", 0, 2, 2, 2, 2, Padding.VALID);
    FloatNetwork net = new FloatNetwork("n", new int[] {1, 4, 4, 1}, List.of(avg, max));
    float[][] t = FloatForward.run(net, oneToSixteen());
    assertThat(t[1][3]).isEqualTo((11 + 12 + 15 + 16) / 4f);
    assertThat(t[1][0]).isEqualTo((1 + 2 + 3 + 5 + 6 + 7 + 9 + 10 + 11) / 9f);
    assertThat(t[2]).containsExactly(6f, 8f, 14f, 16f);
  }

  @Test
  void flattenFullyConnectedAddAndSoftmax() {
    Flatten flat = new Flatten("f", 0);
    FullyConnected fc =
        new FullyConnected(
            "fc", 1, 2, Activation.NONE, new float[] {1, 0, 0, 0, 0, 0, 0, 1}, new float[] {0, -3});
    Add add = new Add("add", 2, 2, Activation.NONE);
    Softmax sm = new Softmax("sm", 3);
    FloatNetwork net = new FloatNetwork("n", new int[] {1, 2, 2, 1}, List.of(flat, fc, add, sm));
    float[][] t = FloatForward.run(net, new float[] {1, 2, 3, 4});
    assertThat(t[1]).containsExactly(1f, 2f, 3f, 4f);
    assertThat(t[2]).containsExactly(1f, 1f);
    assertThat(t[3]).containsExactly(2f, 2f);
    assertThat(t[4][0]).isCloseTo(0.5f, within(1e-7f));
    assertThat(net.tensorShapes().get(4)).containsExactly(1, 2);
    Softmax skew = new Softmax("s", 0);
    float[] p =
        last(
            new FloatNetwork("s", new int[] {1, 1, 1, 2}, List.of(skew)),
            new float[] {0, (float) Math.log(3)});
    assertThat(p[0]).isCloseTo(0.25f, within(1e-6f));
    assertThat(p[1]).isCloseTo(0.75f, within(1e-6f));
  }

  @Test
  void networkRejectsInconsistentLayersNamingThem() {
    Conv2D wrongWeights =
        new Conv2D("stem", 0, 2, 3, 3, 1, 1, Padding.SAME, Activation.NONE, ones(9), new float[2]);
    assertThatThrownBy(() -> new FloatNetwork("n", new int[] {1, 4, 4, 1}, List.of(wrongWeights)))
        .hasMessageContaining("stem")
        .hasMessageContaining("18");
    Flatten forward = new Flatten("ahead", 2);
    assertThatThrownBy(() -> new FloatNetwork("n", new int[] {1, 4, 4, 1}, List.of(forward)))
        .hasMessageContaining("ahead")
        .hasMessageContaining("tensor 2");
    Add mismatch = new Add("sum", 0, 1, Activation.NONE);
    assertThatThrownBy(
            () ->
                new FloatNetwork(
                    "n",
                    new int[] {1, 4, 4, 1},
                    List.of(new MaxPool2D("p", 0, 2, 2, 2, 2, Padding.VALID), mismatch)))
        .hasMessageContaining("sum")
        .hasMessageContaining("shapes differ");
    assertThatThrownBy(() -> new MaxPool2D("p", 0, 2, 0, 2, 2, Padding.VALID))
        .hasMessageContaining("kernelW");
    assertThatThrownBy(
            () ->
                new FloatNetwork(
                    "n",
                    new int[] {1, 4, 4, 1},
                    List.of(new MaxPool2D("big", 0, 5, 5, 1, 1, Padding.VALID))))
        .hasMessageContaining("big")
        .hasMessageContaining("no output");
    assertThatThrownBy(
            () -> new FloatNetwork("n", new int[] {4, 4, 1}, List.of(new Flatten("f", 0))))
        .hasMessageContaining("{1,H,W,C}");
    FloatNetwork ok = new FloatNetwork("n", new int[] {1, 2, 2, 1}, List.of(new Flatten("f", 0)));
    assertThatThrownBy(() -> FloatForward.run(ok, new float[3])).hasMessageContaining("expects 4");
  }

  @Test
  void parameterCountSumsWeightsAndBiases() {
    Conv2D conv =
        new Conv2D(
            "c", 0, 2, 3, 3, 1, 1, Padding.SAME, Activation.NONE, new float[18], new float[2]);
    FullyConnected fc =
        new FullyConnected("fc", 1, 3, Activation.NONE, new float[3 * 32], new float[3]);
    FloatNetwork net = new FloatNetwork("n", new int[] {1, 4, 4, 1}, List.of(conv, fc));
    assertThat(net.parameterCount()).isEqualTo(18 + 2 + 96 + 3);
  }
}
