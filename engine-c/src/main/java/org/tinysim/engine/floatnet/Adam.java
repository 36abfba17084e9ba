package org.tinysim.engine.floatnet;

/** Adam with bias-corrected moments, state held per parameter. */
final class Adam implements FloatOptimizer {

  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final Gradients firstMoment;
  private final Gradients secondMoment;
  private int steps;

  Adam(FloatNetwork net, double beta1, double beta2, double epsilon) {
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.firstMoment = new Gradients(net);
    this.secondMoment = new Gradients(net);
  }

  @Override
  public void step(
      FloatNetwork net,
      Gradients gradients,
      int batchSize,
      double learningRate,
      UpdateMask update) {
    steps++;
    double correction1 = 1 - StrictMath.pow(beta1, steps);
    double correction2 = 1 - StrictMath.pow(beta2, steps);
    double stepSize = learningRate * StrictMath.sqrt(correction2) / correction1;
    FloatOptimizer.forEachUpdated(
        net,
        update,
        (layer, bias, k, values) -> {
          float[] g = bias ? gradients.bias(layer) : gradients.weights(layer);
          float[] m = bias ? firstMoment.bias(layer) : firstMoment.weights(layer);
          float[] v = bias ? secondMoment.bias(layer) : secondMoment.weights(layer);
          double grad = (double) g[k] / batchSize;
          m[k] = (float) (beta1 * m[k] + (1 - beta1) * grad);
          v[k] = (float) (beta2 * v[k] + (1 - beta2) * grad * grad);
          values[k] = (float) (values[k] - stepSize * m[k] / (StrictMath.sqrt(v[k]) + epsilon));
        });
  }
}
