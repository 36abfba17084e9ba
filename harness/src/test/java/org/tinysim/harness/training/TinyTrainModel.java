package org.tinysim.harness.training;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.tflite.BuiltinOperators;
import org.tinysim.engine.tflite.BuiltinOptions;
import org.tinysim.engine.tflite.TensorType;
import org.tinysim.engine.tflite.TfliteModelBuilder;
import org.tinysim.engine.tflite.TfliteQuantization;
import org.tinysim.engine.tflite.TfliteWriter;

/**
 * A MobileNet-style tail with random int8 weights: input 1x6x6x4, pointwise 8 (ReLU6), depthwise
 * 3x3 stride 2 (ReLU6), pointwise 8 (ReLU), global average pool, reshape, fully connected 5,
 * softmax. Ops 0..6; every kernel family of the backward appears once.
 */
public final class TinyTrainModel {

  private final TfliteModelBuilder b = new TfliteModelBuilder().description("tiny train test");
  private final Random random = new Random(7);

  public static Graph graph() {
    return TfliteImporter.load(bytes(), "tiny_train.tflite");
  }

  /** The model as .tflite bytes. */
  public static byte[] bytes() {
    return new TinyTrainModel().build();
  }

  private byte[] build() {
    int in = act("input", new int[] {1, 6, 6, 4}, 1f / 255, -128);
    int t1 = conv(in, 4, 8, "pw1", 0.05f, 3);
    int t2 = depthwise(t1, 8, "dw", 0.04f);
    int t3 = conv(t2, 8, 8, "pw2", 0.06f, 1);
    int t4 = act("pool", new int[] {1, 1, 1, 8}, 0.06f, -128);
    b.op(
        BuiltinOperators.AVERAGE_POOL_2D,
        new int[] {t3},
        new int[] {t4},
        new BuiltinOptions.Pool2D(1, 1, 1, 3, 3, 0));
    int shape = b.int32Constant("shape", new int[] {2}, new int[] {1, 8}, TfliteQuantization.NONE);
    int t5 = act("flat", new int[] {1, 8}, 0.06f, -128);
    b.op(
        BuiltinOperators.RESHAPE,
        new int[] {t4, shape},
        new int[] {t5},
        new BuiltinOptions.Reshape(new int[] {1, 8}));
    int fw = weights("fc_w", new int[] {5, 8}, 5);
    int fb = bias("fc_b", 5, 0.06f, 0.02f);
    int t6 = act("logits", new int[] {1, 5}, 0.08f, 3);
    b.op(
        BuiltinOperators.FULLY_CONNECTED,
        new int[] {t5, fw, fb},
        new int[] {t6},
        new BuiltinOptions.FullyConnected(0, 0, false, false));
    int t7 = act("probs", new int[] {1, 5}, 1f / 256, -128);
    b.op(BuiltinOperators.SOFTMAX, new int[] {t6}, new int[] {t7}, new BuiltinOptions.Softmax(1f));
    return TfliteWriter.write(b.inputs(in).outputs(t7).build("tiny_train.tflite"));
  }

  private int conv(int in, int cin, int cout, String name, float outScale, int act) {
    int w = weights(name + "_w", new int[] {cout, 1, 1, cin}, cout);
    int bias = bias(name + "_b", cout, name.equals("pw1") ? 1f / 255 : 0.04f, 0.02f);
    int out =
        act(
            name,
            new int[] {1, 6 / (name.equals("pw2") ? 2 : 1), 6 / (name.equals("pw2") ? 2 : 1), cout},
            outScale,
            -128);
    b.op(
        BuiltinOperators.CONV_2D,
        new int[] {in, w, bias},
        new int[] {out},
        new BuiltinOptions.Conv2D(0, 1, 1, act, 1, 1));
    return out;
  }

  private int depthwise(int in, int ch, String name, float outScale) {
    int w = weights(name + "_w", new int[] {1, 3, 3, ch}, ch);
    int bias = bias(name + "_b", ch, 0.05f, 0.02f);
    int out = act(name, new int[] {1, 3, 3, ch}, outScale, -128);
    b.op(
        BuiltinOperators.DEPTHWISE_CONV_2D,
        new int[] {in, w, bias},
        new int[] {out},
        new BuiltinOptions.DepthwiseConv2D(0, 2, 2, 1, 3, 1, 1));
    return out;
  }

  private int act(String name, int[] shape, float scale, int zeroPoint) {
    return b.tensor(
        name,
        TensorType.INT8,
        shape,
        new TfliteQuantization(
            new float[0], new float[0], new float[] {scale}, new long[] {zeroPoint}, 0));
  }

  /** Random symmetric int8 weights with per-channel scales 0.01..0.03 on the channel axis. */
  private int weights(String name, int[] shape, int channels) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    byte[] data = new byte[n];
    for (int i = 0; i < n; i++) {
      data[i] = (byte) (random.nextInt(255) - 127);
    }
    float[] scales = new float[channels];
    for (int c = 0; c < channels; c++) {
      scales[c] = 0.01f + 0.02f * random.nextFloat();
    }
    int axis = shape[0] == 1 && shape.length == 4 ? 3 : 0;
    return b.constant(
        name,
        TensorType.INT8,
        shape,
        data,
        new TfliteQuantization(new float[0], new float[0], scales, new long[channels], axis));
  }

  private int bias(String name, int n, float inScale, float wScale) {
    ByteBuffer buf = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      buf.putInt(random.nextInt(2001) - 1000);
    }
    return b.constant(
        name,
        TensorType.INT32,
        new int[] {n},
        buf.array(),
        new TfliteQuantization(
            new float[0], new float[0], new float[] {inScale * wScale}, new long[] {0}, 0));
  }
}
