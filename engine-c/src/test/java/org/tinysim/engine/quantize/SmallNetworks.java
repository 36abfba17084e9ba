package org.tinysim.engine.quantize;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tinysim.engine.floatnet.FloatLayer;
import org.tinysim.engine.floatnet.FloatNetwork;
import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.Padding;

/** Seeded random float networks and pixel-like inputs for the quantiser tests. */
final class SmallNetworks {

  private SmallNetworks() {}

  /**
   * Every layer kind on a 1x12x12x2 input: conv (ReLU), depthwise stride 2 (ReLU6), pointwise,
   * residual add, max pool, pointwise, global average pool, flatten, dense, softmax.
   */
  static FloatNetwork everyLayer(long seed) {
    Random r = new Random(seed);
    List<FloatLayer> layers = new ArrayList<>();
    layers.add(
        new FloatLayer.Conv2D(
            "conv",
            0,
            4,
            3,
            3,
            1,
            1,
            Padding.SAME,
            Activation.RELU,
            he(r, 4 * 9 * 2, 9 * 2),
            small(r, 4)));
    layers.add(
        new FloatLayer.DepthwiseConv2D(
            "dw", 1, 3, 3, 2, 2, Padding.SAME, Activation.RELU6, he(r, 9 * 4, 9), small(r, 4)));
    layers.add(
        new FloatLayer.Conv2D(
            "pw", 2, 4, 1, 1, 1, 1, Padding.VALID, Activation.NONE, he(r, 4 * 4, 4), small(r, 4)));
    layers.add(new FloatLayer.Add("add", 2, 3, Activation.RELU));
    layers.add(new FloatLayer.MaxPool2D("maxpool", 4, 2, 2, 2, 2, Padding.VALID));
    layers.add(
        new FloatLayer.Conv2D(
            "pw2",
            5,
            8,
            1,
            1,
            1,
            1,
            Padding.VALID,
            Activation.RELU6,
            he(r, 8 * 4, 4),
            small(r, 8)));
    layers.add(new FloatLayer.AveragePool2D("gap", 6, 3, 3, 1, 1, Padding.VALID));
    layers.add(new FloatLayer.Flatten("flatten", 7));
    layers.add(
        new FloatLayer.FullyConnected(
            "dense", 8, 5, Activation.NONE, he(r, 5 * 8, 8), small(r, 5)));
    layers.add(new FloatLayer.Softmax("softmax", 9));
    return new FloatNetwork("every_layer", new int[] {1, 12, 12, 2}, layers);
  }

  /** Inputs p/255 for random pixels p, exactly what the int8 input encodes. */
  static List<float[]> pixels(FloatNetwork net, int count, long seed) {
    Random r = new Random(seed);
    int n = FloatNetwork.elements(net.inputShape());
    List<float[]> out = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      float[] x = new float[n];
      for (int i = 0; i < n; i++) {
        x[i] = r.nextInt(256) / 255f;
      }
      out.add(x);
    }
    return out;
  }

  /** The int8 codes of {@link #pixels} inputs: pixel - 128. */
  static byte[] toInt8(float[] x) {
    byte[] q = new byte[x.length];
    for (int i = 0; i < x.length; i++) {
      q[i] = (byte) (Math.round(x[i] * 255) - 128);
    }
    return q;
  }

  private static float[] he(Random r, int n, int fanIn) {
    float[] w = new float[n];
    double std = Math.sqrt(2.0 / fanIn);
    for (int i = 0; i < n; i++) {
      w[i] = (float) (r.nextGaussian() * std);
    }
    return w;
  }

  private static float[] small(Random r, int n) {
    float[] b = new float[n];
    for (int i = 0; i < n; i++) {
      b[i] = (float) (r.nextGaussian() * 0.1);
    }
    return b;
  }
}
