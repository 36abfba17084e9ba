package org.tinysim.engine.floatnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.floatnet.FloatLayer.Add;
import org.tinysim.engine.floatnet.FloatLayer.AveragePool2D;
import org.tinysim.engine.floatnet.FloatLayer.Conv2D;
import org.tinysim.engine.floatnet.FloatLayer.DepthwiseConv2D;
import org.tinysim.engine.floatnet.FloatLayer.Flatten;
import org.tinysim.engine.floatnet.FloatLayer.FullyConnected;
import org.tinysim.engine.floatnet.FloatLayer.MaxPool2D;
import org.tinysim.engine.floatnet.FloatLayer.Softmax;
import org.tinysim.engine.floatnet.UpdateMask.Mode;
import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.Padding;

/** Analytic gradients against central finite differences of the float forward pass. */
class FloatBackwardTest {

  private static final float STEP = 1e-3f;

  private static float[] random(Random rnd, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) rnd.nextGaussian() * 0.5f;
    }
    return v;
  }

  /** Weighted sum of the last tensor: a loss whose output gradient is {@code coeff}. */
  private static double weightedSum(FloatNetwork net, float[] input, float[] coeff) {
    float[][] t = FloatForward.run(net, input);
    double s = 0;
    float[] out = t[t.length - 1];
    for (int i = 0; i < out.length; i++) {
      s += (double) out[i] * coeff[i];
    }
    return s;
  }

  private static void assertMatchesFiniteDifference(
      String what, float[] values, float[] analytic, Supplier<Double> loss) {
    assertThat(analytic).as(what).hasSameSizeAs(values);
    for (int k = 0; k < values.length; k++) {
      float saved = values[k];
      values[k] = saved + STEP;
      double plus = loss.get();
      values[k] = saved - STEP;
      double minus = loss.get();
      values[k] = saved;
      double numeric = (plus - minus) / (2 * STEP);
      double tolerance = 3e-3 + 2e-2 * Math.abs(numeric);
      assertThat((double) analytic[k])
          .as(what + "[" + k + "]")
          .isCloseTo(numeric, org.assertj.core.data.Offset.offset(tolerance));
    }
  }

  /** Checks input, weight and bias gradients of the single layer of {@code net}. */
  private static void checkSingleLayer(FloatNetwork net, long seed) {
    Random rnd = new Random(seed);
    float[] input = random(rnd, FloatNetwork.elements(net.inputShape()));
    float[] coeff = random(rnd, FloatNetwork.elements(net.outputShape()));
    FloatLayer layer = net.layers().get(0);
    float[][] tensors = FloatForward.run(net, input);
    float[] gradIn = new float[input.length];
    float[][] gradIns = new float[layer.inputs().length][];
    java.util.Arrays.fill(gradIns, gradIn);
    float[] w = FloatNetwork.weightsOf(layer);
    float[] b = FloatNetwork.biasOf(layer);
    float[] gw = new float[w.length];
    float[] gb = new float[b.length];
    FloatBackward.layer(0, layer, net.tensorShapes(), tensors, coeff, gradIns, gw, gb, null);
    String name = layer.getClass().getSimpleName();
    assertMatchesFiniteDifference(
        name + " input", input, gradIn, () -> weightedSum(net, input, coeff));
    assertMatchesFiniteDifference(name + " weights", w, gw, () -> weightedSum(net, input, coeff));
    assertMatchesFiniteDifference(name + " bias", b, gb, () -> weightedSum(net, input, coeff));
    assertThat(gradIn)
        .as(name + " input gradient is not all zero")
        .isNotEqualTo(new float[input.length]);
  }

  private static FloatNetwork single(int[] shape, FloatLayer layer) {
    return new FloatNetwork("one", shape, List.of(layer));
  }

  @Test
  void convolutionGradientsMatchFiniteDifferences() {
    Random rnd = new Random(1);
    checkSingleLayer(
        single(
            new int[] {1, 5, 5, 2},
            new Conv2D(
                "c",
                0,
                3,
                3,
                3,
                2,
                2,
                Padding.SAME,
                Activation.RELU,
                random(rnd, 3 * 9 * 2),
                random(rnd, 3))),
        11);
    checkSingleLayer(
        single(
            new int[] {1, 4, 5, 3},
            new Conv2D(
                "v",
                0,
                2,
                2,
                3,
                1,
                2,
                Padding.VALID,
                Activation.RELU6,
                random(rnd, 2 * 6 * 3),
                random(rnd, 2))),
        12);
  }

  @Test
  void depthwiseGradientsMatchFiniteDifferences() {
    Random rnd = new Random(2);
    checkSingleLayer(
        single(
            new int[] {1, 6, 6, 3},
            new DepthwiseConv2D(
                "d",
                0,
                3,
                3,
                2,
                2,
                Padding.SAME,
                Activation.RELU,
                random(rnd, 9 * 3),
                random(rnd, 3))),
        21);
    checkSingleLayer(
        single(
            new int[] {1, 4, 4, 2},
            new DepthwiseConv2D(
                "d",
                0,
                3,
                3,
                1,
                1,
                Padding.VALID,
                Activation.NONE,
                random(rnd, 9 * 2),
                random(rnd, 2))),
        22);
    checkSingleLayer(
        single(
            new int[] {1, 5, 4, 3},
            new DepthwiseConv2D(
                "rows",
                0,
                3,
                2,
                2,
                1,
                Padding.SAME,
                Activation.RELU6,
                random(rnd, 6 * 3),
                random(rnd, 3))),
        23);
  }

  @Test
  void fullyConnectedGradientsMatchFiniteDifferences() {
    Random rnd = new Random(3);
    checkSingleLayer(
        single(
            new int[] {1, 2, 2, 3},
            new FullyConnected(
                "fc",
                0,
                4,
                Activation.RELU,
                random(rnd, 4 * 12),
                new float[] {0.8f, 0.8f, -5f, 0.8f})),
        31); // unit 2 stays dead
  }

  @Test
  void poolAddAndSoftmaxInputGradientsMatchFiniteDifferences() {
    checkSingleLayer(
        single(new int[] {1, 5, 5, 2}, new AveragePool2D("a", 0, 3, 3, 2, 2, Padding.SAME)), 41);
    checkSingleLayer(
        single(new int[] {1, 4, 4, 2}, new MaxPool2D("m", 0, 2, 2, 2, 2, Padding.VALID)), 42);
    checkSingleLayer(single(new int[] {1, 2, 2, 3}, new Add("sum", 0, 0, Activation.RELU)), 43);
    checkSingleLayer(single(new int[] {1, 1, 2, 5}, new Softmax("s", 0)), 44);
  }

  /** A small net using every layer type, ending in softmax. */
  private static FloatNetwork everyLayer(Random rnd) {
    List<FloatLayer> layers = new ArrayList<>();
    layers.add(
        new Conv2D(
            "stem",
            0,
            4,
            3,
            3,
            1,
            1,
            Padding.SAME,
            Activation.RELU,
            random(rnd, 4 * 9 * 2),
            random(rnd, 4))); // t1 5x5x4
    layers.add(
        new DepthwiseConv2D(
            "dw",
            1,
            3,
            3,
            2,
            2,
            Padding.SAME,
            Activation.RELU6,
            random(rnd, 9 * 4),
            random(rnd, 4))); // t2 3x3x4
    layers.add(
        new Conv2D(
            "pw",
            2,
            4,
            1,
            1,
            1,
            1,
            Padding.VALID,
            Activation.NONE,
            random(rnd, 16),
            random(rnd, 4))); // t3
    layers.add(new Add("res", 2, 3, Activation.NONE)); // t4
    layers.add(new MaxPool2D("max", 4, 2, 2, 1, 1, Padding.VALID)); // t5 2x2x4
    layers.add(new AveragePool2D("avg", 5, 2, 2, 1, 1, Padding.SAME)); // t6 2x2x4
    layers.add(new Flatten("flat", 6)); // t7 16
    layers.add(
        new FullyConnected("fc", 7, 3, Activation.NONE, random(rnd, 48), random(rnd, 3))); // t8
    layers.add(new Softmax("prob", 8)); // t9
    return new FloatNetwork("every", new int[] {1, 5, 5, 2}, layers);
  }

  private static double crossEntropy(FloatNetwork net, float[] input, int label) {
    float[][] t = FloatForward.run(net, input);
    return SoftmaxCrossEntropy.loss(t[t.length - 1], label);
  }

  @Test
  void wholeNetworkCrossEntropyGradientsMatchFiniteDifferences() {
    Random rnd = new Random(5);
    FloatNetwork net = everyLayer(rnd);
    float[] input = random(rnd, 50);
    int label = 2;
    float[][] tensors = FloatForward.run(net, input);
    Gradients viaLogits = new Gradients(net);
    FloatBackward.run(
        net,
        tensors,
        8,
        SoftmaxCrossEntropy.logitGradient(tensors[9], label),
        UpdateMask.all(net),
        viaLogits);
    Gradients viaSoftmax = new Gradients(net);
    FloatBackward.run(
        net,
        tensors,
        9,
        SoftmaxCrossEntropy.probabilityGradient(tensors[9], label),
        UpdateMask.all(net),
        viaSoftmax);
    for (int i : new int[] {0, 1, 2, 7}) {
      String name = net.layers().get(i).name();
      assertMatchesFiniteDifference(
          name + " weights",
          FloatNetwork.weightsOf(net.layers().get(i)),
          viaLogits.weights(i),
          () -> crossEntropy(net, input, label));
      assertMatchesFiniteDifference(
          name + " bias",
          FloatNetwork.biasOf(net.layers().get(i)),
          viaLogits.bias(i),
          () -> crossEntropy(net, input, label));
      for (int k = 0; k < viaLogits.weights(i).length; k++) {
        assertThat(viaSoftmax.weights(i)[k])
            .isCloseTo(viaLogits.weights(i)[k], org.assertj.core.data.Offset.offset(1e-4f));
      }
    }
  }

  @Test
  void masksFreezeLayersAndLimitChannels() {
    Random rnd = new Random(6);
    FloatNetwork net = everyLayer(rnd);
    float[] input = random(rnd, 50);
    float[][] tensors = FloatForward.run(net, input);
    float[] g = SoftmaxCrossEntropy.logitGradient(tensors[9], 1);
    Gradients full = new Gradients(net);
    FloatBackward.run(net, tensors, 8, g, UpdateMask.all(net), full);

    boolean[] channels = {false, true, false, true};
    UpdateMask sparse =
        UpdateMask.frozen(net).with(2, Mode.ALL, channels).with(7, Mode.BIAS_ONLY, null);
    assertThat(sparse.earliestUpdatedLayer()).isEqualTo(2);
    Gradients part = new Gradients(net);
    FloatBackward.run(net, tensors, 8, g, sparse, part);
    assertThat(part.weights(0)).containsOnly(0f);
    assertThat(part.weights(7)).containsOnly(0f);
    assertThat(part.bias(7)).containsExactly(full.bias(7));
    for (int o = 0; o < 4; o++) {
      for (int i = 0; i < 4; i++) {
        float expected = channels[o] ? full.weights(2)[o * 4 + i] : 0f;
        assertThat(part.weights(2)[o * 4 + i]).isEqualTo(expected);
      }
      assertThat(part.bias(2)[o]).isEqualTo(channels[o] ? full.bias(2)[o] : 0f);
    }
    assertThat(full.weights(2)[1 * 4]).isNotZero();
  }
}
