package org.tinysim.engine.models;

import org.tinysim.engine.floatnet.FloatNetwork;
import org.tinysim.engine.ir.Activation;

/** Architectures of the bundled Fashion-MNIST models (28x28x1 input, 10 classes). */
public final class FashionModels {

  static final int[] INPUT_SHAPE = {1, 28, 28, 1};
  private static final Activation ACT = Activation.RELU6;

  private FashionModels() {}

  /**
   * MobileNet-style: 3x3 stem, depthwise-separable blocks, one inverted residual block (expand,
   * depthwise, linear projection, Add), then a dense classifier over the flattened 7x7 map: garment
   * classes differ in where things are (sleeves, collars), which a global average pool would throw
   * away.
   */
  public static FloatNetwork mobilenet(long seed) {
    NetworkBuilder b = new NetworkBuilder("fashion_mobilenet", INPUT_SHAPE, seed);
    int x = b.conv("stem", 0, 16, 3, 1, ACT); // 28x28x16
    x = b.depthwise("dw1", x, 3, 2, ACT); // 14x14x16
    x = b.conv("pw1", x, 32, 1, 1, ACT); // 14x14x32
    x = b.depthwise("dw2", x, 3, 2, ACT); // 7x7x32
    int block = b.conv("pw2", x, 64, 1, 1, ACT); // 7x7x64
    x = b.conv("expand3", block, 96, 1, 1, ACT);
    x = b.depthwise("dw3", x, 3, 1, ACT);
    x = b.conv("project3", x, 64, 1, 1, Activation.NONE);
    x = b.residual("add3", block, x);
    x = b.flatten("flatten", x);
    x = b.dense("logits", x, 10, Activation.NONE);
    b.softmax("probabilities", x);
    return b.build();
  }

  /**
   * Wide first stage at full resolution: six 28x28x64 activations (50,176 B each) in two residual
   * depthwise blocks plus a long skip. With one slot per tensor they exceed the arena; a planner
   * that reuses dead slots needs at most four at once.
   */
  public static FloatNetwork wideCnn(long seed) {
    NetworkBuilder b = new NetworkBuilder("fashion_widecnn", INPUT_SHAPE, seed);
    int stem = b.conv("stem", 0, 64, 3, 1, ACT); // 28x28x64
    int x = b.residual("add1", stem, b.depthwise("dw1", stem, 3, 1, ACT));
    x = b.residual("add2", x, b.depthwise("dw2", x, 3, 1, ACT));
    x = b.residual("skip", x, stem);
    x = b.maxPool("pool1", x, 2); // 14x14x64
    x = b.depthwise("dw3", x, 3, 2, ACT); // 7x7x64
    x = b.conv("pw3", x, 64, 1, 1, ACT);
    x = b.flatten("flatten", x);
    x = b.dense("logits", x, 10, Activation.NONE);
    b.softmax("probabilities", x);
    return b.build();
  }
}
