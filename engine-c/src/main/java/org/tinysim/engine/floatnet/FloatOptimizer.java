package org.tinysim.engine.floatnet;

/**
 * Updates a network's parameters in place from summed gradients. Implementations keep their state
 * (moments) per layer and use plain float/double arithmetic, so updates are reproducible.
 */
public interface FloatOptimizer {

  /**
   * One step. {@code gradients} are sums over a batch of {@code batchSize} samples; only the
   * parameters {@code update} selects change.
   */
  void step(
      FloatNetwork net, Gradients gradients, int batchSize, double learningRate, UpdateMask update);

  /** Adam (Kingma and Ba) with the usual defaults beta1 0.9, beta2 0.999, epsilon 1e-8. */
  static FloatOptimizer adam(FloatNetwork net) {
    return new Adam(net, 0.9, 0.999, 1e-8);
  }

  /** SGD with classical momentum. */
  static FloatOptimizer sgdMomentum(FloatNetwork net, double momentum) {
    return new SgdMomentum(net, momentum);
  }

  /** Applies {@code rule} to every updated element of every layer (channel masks respected). */
  static void forEachUpdated(FloatNetwork net, UpdateMask update, ElementUpdate rule) {
    for (int i = 0; i < net.layers().size(); i++) {
      FloatLayer layer = net.layers().get(i);
      boolean[] channels = update.channels(i);
      float[] b = FloatNetwork.biasOf(layer);
      if (update.updatesWeights(i)) {
        float[] w = FloatNetwork.weightsOf(layer);
        int perChannel = w.length / b.length;
        boolean depthwise = layer instanceof FloatLayer.DepthwiseConv2D;
        for (int k = 0; k < w.length; k++) {
          int channel = depthwise ? k % b.length : k / perChannel;
          if (channels == null || channels[channel]) {
            rule.apply(i, false, k, w);
          }
        }
      }
      if (update.updatesBias(i)) {
        for (int k = 0; k < b.length; k++) {
          if (channels == null || channels[k]) {
            rule.apply(i, true, k, b);
          }
        }
      }
    }
  }

  /** Update of parameter {@code values[index]} of layer {@code layer} (bias or weights). */
  interface ElementUpdate {
    void apply(int layer, boolean bias, int index, float[] values);
  }
}
