package org.tinysim.engine.models;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.tinysim.engine.tflite.BuiltinOperators;
import org.tinysim.engine.tflite.BuiltinOptions;
import org.tinysim.engine.tflite.OptionsTypes;
import org.tinysim.engine.tflite.TensorType;
import org.tinysim.engine.tflite.TfliteModelBuilder;
import org.tinysim.engine.tflite.TfliteQuantization;

/**
 * Writes int8 layers with seeded random weights into a {@link TfliteModelBuilder}. Output scales
 * follow each layer's expected accumulator spread, so activations neither vanish nor saturate
 * although nothing is trained.
 */
final class LayerWriter {

  static final int SAME = 0;
  static final int VALID = 1;
  static final int NONE = 0;
  static final int RELU = 1;

  /** Spread (standard deviation, in quantised steps) of int8 activations and weights. */
  private static final double ACTIVATION_SPREAD = 40;

  private static final double WEIGHT_SPREAD = 73;

  /** An activation: tensor index, NHWC extent and quantisation. */
  record Act(int id, int h, int w, int c, float scale, int zeroPoint) {}

  private final TfliteModelBuilder b = new TfliteModelBuilder();
  private final Random rnd;
  private int layer;

  LayerWriter(long seed) {
    this.rnd = new Random(seed);
  }

  Act input(int h, int w, int c) {
    return activation("input", h, w, c, 1f / 128, 0);
  }

  Act conv(Act in, int out, int k, int stride, int padding, int dilation, int act) {
    String name = "conv" + layer++;
    float[] ws = weightScales(out);
    int filter =
        b.constant(
            name + "/filter",
            TensorType.INT8,
            new int[] {out, k, k, in.c()},
            weights(out * k * k * in.c()),
            perChannel(ws, 0));
    int bias = bias(name, in.scale(), ws);
    Act y =
        activation(
            name,
            size(in.h(), k, stride, padding, dilation),
            size(in.w(), k, stride, padding, dilation),
            out,
            outputScale(in.scale(), ws, k * k * in.c(), act),
            act == RELU ? -128 : 0);
    b.op(
        BuiltinOperators.CONV_2D,
        3,
        new int[] {in.id(), filter, bias},
        new int[] {y.id()},
        new BuiltinOptions.Conv2D(padding, stride, stride, act, dilation, dilation));
    return y;
  }

  Act depthwise(Act in, int k, int stride, int padding, int dilation, int act) {
    String name = "dw" + layer++;
    float[] ws = weightScales(in.c());
    int filter =
        b.constant(
            name + "/filter",
            TensorType.INT8,
            new int[] {1, k, k, in.c()},
            weights(k * k * in.c()),
            perChannel(ws, 3));
    int bias = bias(name, in.scale(), ws);
    Act y =
        activation(
            name,
            size(in.h(), k, stride, padding, dilation),
            size(in.w(), k, stride, padding, dilation),
            in.c(),
            outputScale(in.scale(), ws, k * k, act),
            act == RELU ? -128 : 0);
    b.op(
        BuiltinOperators.DEPTHWISE_CONV_2D,
        3,
        new int[] {in.id(), filter, bias},
        new int[] {y.id()},
        new BuiltinOptions.DepthwiseConv2D(padding, stride, stride, 1, act, dilation, dilation));
    return y;
  }

  Act add(Act a, Act x) {
    Act sum =
        activation(
            "add" + layer++, x.h(), x.w(), x.c(), (float) Math.hypot(a.scale(), x.scale()), 0);
    b.op(
        BuiltinOperators.ADD,
        new int[] {a.id(), x.id()},
        new int[] {sum.id()},
        new BuiltinOptions.Add(NONE, false));
    return sum;
  }

  /** PAD of rows and columns: {top, bottom, left, right}. */
  Act pad(Act in, int top, int bottom, int left, int right) {
    String name = "pad" + layer++;
    int amounts =
        b.int32Constant(
            name + "/amounts",
            new int[] {4, 2},
            new int[] {0, 0, top, bottom, left, right, 0, 0},
            TfliteQuantization.NONE);
    Act y =
        activation(
            name, in.h() + top + bottom, in.w() + left + right, in.c(), in.scale(), in.zeroPoint());
    b.op(
        BuiltinOperators.PAD,
        new int[] {in.id(), amounts},
        new int[] {y.id()},
        new BuiltinOptions.Empty(OptionsTypes.PAD));
    return y;
  }

  Act pool(int builtin, Act in, int k, int stride, int padding) {
    Act y =
        activation(
            "pool" + layer++,
            size(in.h(), k, stride, padding, 1),
            size(in.w(), k, stride, padding, 1),
            in.c(),
            in.scale(),
            in.zeroPoint());
    b.op(
        builtin,
        2,
        new int[] {in.id()},
        new int[] {y.id()},
        new BuiltinOptions.Pool2D(padding, stride, stride, k, k, NONE));
    return y;
  }

  /** Average over the whole plane, then a fully connected layer to {@code units}. */
  int classifier(Act in, int units) {
    Act pooled = activation("pool" + layer++, 1, 1, in.c(), in.scale(), in.zeroPoint());
    b.op(
        BuiltinOperators.AVERAGE_POOL_2D,
        new int[] {in.id()},
        new int[] {pooled.id()},
        new BuiltinOptions.Pool2D(VALID, 1, 1, in.w(), in.h(), NONE));
    String name = "fc" + layer++;
    float[] ws = weightScales(units);
    int weights =
        b.constant(
            name + "/weights",
            TensorType.INT8,
            new int[] {units, in.c()},
            weights(units * in.c()),
            perChannel(ws, 0));
    int bias = bias(name, pooled.scale(), ws);
    int y =
        b.tensor(
            name,
            TensorType.INT8,
            new int[] {1, units},
            perTensor(outputScale(pooled.scale(), ws, in.c(), NONE), 0));
    b.op(
        BuiltinOperators.FULLY_CONNECTED,
        4,
        new int[] {pooled.id(), weights, bias},
        new int[] {y},
        new BuiltinOptions.FullyConnected(NONE, 0, false, false));
    return y;
  }

  int softmax(int logits, int units) {
    int probs =
        b.tensor("probabilities", TensorType.INT8, new int[] {1, units}, perTensor(1f / 256, -128));
    b.op(
        BuiltinOperators.SOFTMAX,
        new int[] {logits},
        new int[] {probs},
        new BuiltinOptions.Softmax(1f));
    return probs;
  }

  byte[] write(int input, int output, String description, String source) {
    return b.inputs(input).outputs(output).description(description).write(source);
  }

  private Act activation(String name, int h, int w, int c, float scale, int zeroPoint) {
    int id = b.tensor(name, TensorType.INT8, new int[] {1, h, w, c}, perTensor(scale, zeroPoint));
    return new Act(id, h, w, c, scale, zeroPoint);
  }

  /** TFLite's output extent for SAME or VALID padding. */
  private static int size(int in, int k, int stride, int padding, int dilation) {
    int span = (k - 1) * dilation + 1;
    return padding == SAME ? (in + stride - 1) / stride : (in - span + stride) / stride;
  }

  /** Scale that maps the accumulator's expected spread to a few activation spreads. */
  private static float outputScale(float inScale, float[] weightScales, int depth, int act) {
    double mean = 0;
    for (float s : weightScales) {
      mean += s / weightScales.length;
    }
    double spread = inScale * mean * Math.sqrt(depth) * ACTIVATION_SPREAD * WEIGHT_SPREAD;
    return (float) (spread / (act == RELU ? 1.5 * ACTIVATION_SPREAD : ACTIVATION_SPREAD));
  }

  private float[] weightScales(int channels) {
    float[] s = new float[channels];
    for (int i = 0; i < channels; i++) {
      s[i] = (float) (0.005 + 0.01 * rnd.nextDouble());
    }
    return s;
  }

  private byte[] weights(int count) {
    byte[] w = new byte[count];
    for (int i = 0; i < count; i++) {
      w[i] = (byte) (rnd.nextInt(255) - 127);
    }
    return w;
  }

  /** Small int32 biases at scale inScale * weightScale[c]. */
  private int bias(String name, float inScale, float[] weightScales) {
    float[] scales = new float[weightScales.length];
    ByteBuffer bytes = ByteBuffer.allocate(4 * scales.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < scales.length; i++) {
      scales[i] = inScale * weightScales[i];
      bytes.putInt(rnd.nextInt(4001) - 2000);
    }
    return b.constant(
        name + "/bias",
        TensorType.INT32,
        new int[] {scales.length},
        bytes.array(),
        perChannel(scales, 0));
  }

  private static TfliteQuantization perTensor(float scale, int zeroPoint) {
    return new TfliteQuantization(
        new float[0], new float[0], new float[] {scale}, new long[] {zeroPoint}, 0);
  }

  private static TfliteQuantization perChannel(float[] scales, int dimension) {
    return new TfliteQuantization(
        new float[0], new float[0], scales.clone(), new long[scales.length], dimension);
  }
}
