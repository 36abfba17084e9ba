package org.tinysim.engine.floatnet;

/**
 * Weight and bias gradient accumulators for every layer of a network (empty for layers without).
 */
public final class Gradients {

  private final float[][] weights;
  private final float[][] bias;

  public Gradients(FloatNetwork net) {
    int n = net.layers().size();
    weights = new float[n][];
    bias = new float[n][];
    for (int i = 0; i < n; i++) {
      FloatLayer layer = net.layers().get(i);
      weights[i] = new float[FloatNetwork.weightsOf(layer).length];
      bias[i] = new float[FloatNetwork.biasOf(layer).length];
    }
  }

  public float[] weights(int layer) {
    return weights[layer];
  }

  public float[] bias(int layer) {
    return bias[layer];
  }

  public int layerCount() {
    return weights.length;
  }

  public void clear() {
    for (int i = 0; i < weights.length; i++) {
      java.util.Arrays.fill(weights[i], 0f);
      java.util.Arrays.fill(bias[i], 0f);
    }
  }

  /** this += other, element by element (a fixed order, so sums are reproducible). */
  public void add(Gradients other) {
    for (int i = 0; i < weights.length; i++) {
      addInto(weights[i], other.weights[i]);
      addInto(bias[i], other.bias[i]);
    }
  }

  private static void addInto(float[] into, float[] values) {
    for (int k = 0; k < into.length; k++) {
      into[k] += values[k];
    }
  }
}
