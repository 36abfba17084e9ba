package org.tinysim.engine.floatnet;

/** SGD with classical momentum: v = mu v + g; p -= lr v. */
final class SgdMomentum implements FloatOptimizer {

  private final double momentum;
  private final Gradients velocity;

  SgdMomentum(FloatNetwork net, double momentum) {
    if (momentum < 0 || momentum >= 1) {
      throw new IllegalArgumentException("momentum must be in [0,1), got " + momentum);
    }
    this.momentum = momentum;
    this.velocity = new Gradients(net);
  }

  @Override
  public void step(
      FloatNetwork net,
      Gradients gradients,
      int batchSize,
      double learningRate,
      UpdateMask update) {
    FloatOptimizer.forEachUpdated(
        net,
        update,
        (layer, bias, k, values) -> {
          float[] g = bias ? gradients.bias(layer) : gradients.weights(layer);
          float[] v = bias ? velocity.bias(layer) : velocity.weights(layer);
          v[k] = (float) (momentum * v[k] + (double) g[k] / batchSize);
          values[k] = (float) (values[k] - learningRate * v[k]);
        });
  }
}
