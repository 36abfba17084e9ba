package org.tinysim.engine.models;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.tinysim.engine.tflite.BuiltinOperators;
import org.tinysim.engine.tflite.BuiltinOptions;
import org.tinysim.engine.tflite.TensorType;
import org.tinysim.engine.tflite.TfliteModelBuilder;
import org.tinysim.engine.tflite.TfliteQuantization;

/**
 * An int8 MobileNetV2-style classifier (stem conv, inverted residual blocks with ADD skips,
 * global pooling, classifier, softmax) with weights drawn from a fixed seed, not trained. Its
 * high-resolution first blocks make the per-layer activation peak larger than the F746's SRAM
 * can hold, so it runs only with a patch stage. Output scales follow each layer's expected
 * accumulator spread so activations neither vanish nor saturate.
 *
 * <p>Regenerate the committed file with {@code main(models/mbv2_patch_160.tflite)}.
 */
public final class MobileNetV2Patchable {

  public static final int RESOLUTION = 160;
  public static final long SEED = 20261125L;
  public static final String FILE = "models/mbv2_patch_" + RESOLUTION + ".tflite";

  private static final int SAME = 0;
  private static final int NONE = 0;
  private static final int RELU = 1;
  private static final int CLASSES = 10;
  /** Spread (standard deviation, in quantised steps) of int8 activations and weights. */
  private static final double ACTIVATION_SPREAD = 40;
  private static final double WEIGHT_SPREAD = 73;

  private final TfliteModelBuilder b = new TfliteModelBuilder();
  private final Random rnd = new Random(SEED);
  private int layer;

  /** An activation: tensor index, shape and quantisation. */
  private record Act(int id, int h, int w, int c, float scale, int zeroPoint) {}

  private MobileNetV2Patchable() {}

  /** The model's .tflite bytes; the same bytes on every call. */
  public static byte[] tflite() {
    return new MobileNetV2Patchable().build();
  }

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : FILE);
    Files.write(out, tflite());
    System.out.println("wrote " + out);
  }

  private byte[] build() {
    Act in = activation("input", RESOLUTION, RESOLUTION, 3, 1f / 128, 0);
    Act x = conv(in, 16, 3, 2, RELU);
    x = depthwise(x, 1, RELU);
    x = conv(x, 8, 1, 1, NONE);
    x = block(x, 6, 16, 2);
    x = block(x, 6, 16, 1);
    x = block(x, 6, 24, 2);
    x = block(x, 6, 24, 1);
    x = block(x, 6, 32, 2);
    x = block(x, 6, 32, 1);
    x = conv(x, 128, 1, 1, RELU);
    Act pooled = activation("pool", 1, 1, 128, x.scale, x.zeroPoint);
    b.op(BuiltinOperators.AVERAGE_POOL_2D, new int[] {x.id}, new int[] {pooled.id},
        new BuiltinOptions.Pool2D(1, 1, 1, x.w, x.h, NONE));
    Act logits = fullyConnected(pooled, CLASSES);
    int probs = b.tensor("probabilities", TensorType.INT8, new int[] {1, CLASSES},
        perTensor(1f / 256, -128));
    b.op(BuiltinOperators.SOFTMAX, new int[] {logits.id}, new int[] {probs},
        new BuiltinOptions.Softmax(1f));
    return b.inputs(in.id).outputs(probs)
        .description("tinysim MobileNetV2-style model for patch-based inference, seed " + SEED
            + ", untrained")
        .write("mbv2_patch_" + RESOLUTION);
  }

  /** Inverted residual: 1x1 expand (ReLU), 3x3 depthwise (ReLU), 1x1 project, skip if same. */
  private Act block(Act in, int expand, int out, int stride) {
    Act x = conv(in, in.c * expand, 1, 1, RELU);
    x = depthwise(x, stride, RELU);
    x = conv(x, out, 1, 1, NONE);
    if (stride != 1 || in.c != out) {
      return x;
    }
    float scale = (float) Math.hypot(in.scale, x.scale);
    Act sum = activation("add" + layer++, x.h, x.w, x.c, scale, 0);
    b.op(BuiltinOperators.ADD, new int[] {in.id, x.id}, new int[] {sum.id},
        new BuiltinOptions.Add(NONE, false));
    return sum;
  }

  private Act conv(Act in, int out, int k, int stride, int act) {
    String name = "conv" + layer++;
    int h = (in.h + stride - 1) / stride;
    int w = (in.w + stride - 1) / stride;
    float[] ws = weightScales(out);
    int filter = b.constant(name + "/filter", TensorType.INT8, new int[] {out, k, k, in.c},
        weights(out * k * k * in.c), perChannel(ws, 0));
    int bias = bias(name, in.scale, ws);
    Act y = activation(name, h, w, out, outputScale(in.scale, ws, k * k * in.c, act),
        act == RELU ? -128 : 0);
    b.op(BuiltinOperators.CONV_2D, 3, new int[] {in.id, filter, bias}, new int[] {y.id},
        new BuiltinOptions.Conv2D(SAME, stride, stride, act, 1, 1));
    return y;
  }

  private Act depthwise(Act in, int stride, int act) {
    String name = "dw" + layer++;
    int h = (in.h + stride - 1) / stride;
    int w = (in.w + stride - 1) / stride;
    float[] ws = weightScales(in.c);
    int filter = b.constant(name + "/filter", TensorType.INT8, new int[] {1, 3, 3, in.c},
        weights(9 * in.c), perChannel(ws, 3));
    int bias = bias(name, in.scale, ws);
    Act y = activation(name, h, w, in.c, outputScale(in.scale, ws, 9, act),
        act == RELU ? -128 : 0);
    b.op(BuiltinOperators.DEPTHWISE_CONV_2D, 3, new int[] {in.id, filter, bias},
        new int[] {y.id}, new BuiltinOptions.DepthwiseConv2D(SAME, stride, stride, 1, act, 1, 1));
    return y;
  }

  private Act fullyConnected(Act in, int units) {
    String name = "fc" + layer++;
    float[] ws = weightScales(units);
    int weights = b.constant(name + "/weights", TensorType.INT8, new int[] {units, in.c},
        weights(units * in.c), perChannel(ws, 0));
    int bias = bias(name, in.scale, ws);
    float scale = outputScale(in.scale, ws, in.c, NONE);
    int y = b.tensor(name, TensorType.INT8, new int[] {1, units}, perTensor(scale, 0));
    b.op(BuiltinOperators.FULLY_CONNECTED, 4, new int[] {in.id, weights, bias}, new int[] {y},
        new BuiltinOptions.FullyConnected(NONE, 0, false, false));
    return new Act(y, 1, 1, units, scale, 0);
  }

  private Act activation(String name, int h, int w, int c, float scale, int zeroPoint) {
    int id = b.tensor(name, TensorType.INT8, new int[] {1, h, w, c},
        perTensor(scale, zeroPoint));
    return new Act(id, h, w, c, scale, zeroPoint);
  }

  /** Scale that maps the accumulator's expected spread to about 1.5 activation spreads. */
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
    int[] values = new int[weightScales.length];
    float[] scales = new float[weightScales.length];
    ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < values.length; i++) {
      values[i] = rnd.nextInt(4001) - 2000;
      scales[i] = inScale * weightScales[i];
      bytes.putInt(values[i]);
    }
    return b.constant(name + "/bias", TensorType.INT32, new int[] {values.length},
        bytes.array(), perChannel(scales, 0));
  }

  private static TfliteQuantization perTensor(float scale, int zeroPoint) {
    return new TfliteQuantization(new float[0], new float[0], new float[] {scale},
        new long[] {zeroPoint}, 0);
  }

  private static TfliteQuantization perChannel(float[] scales, int dimension) {
    return new TfliteQuantization(new float[0], new float[0], scales.clone(),
        new long[scales.length], dimension);
  }
}
