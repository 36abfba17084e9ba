package org.tinysim.engine.floatnet;

/**
 * Settings of a deterministic training run.
 *
 * @param epochs passes over the training set
 * @param batchSize samples per optimizer step
 * @param optimizer "adam" or "sgd" (with momentum)
 * @param learningRate peak learning rate
 * @param momentum SGD momentum (ignored by Adam)
 * @param cosineDecay decay the learning rate along a half cosine to zero over all steps
 * @param seed seeds shuffling and augmentation (initial weights are seeded by the model)
 * @param shards fixed number of batch slices whose gradients are summed in slice order; fixes the
 *     float summation order whatever the thread count
 */
public record TrainingConfig(
    int epochs,
    int batchSize,
    String optimizer,
    double learningRate,
    double momentum,
    boolean cosineDecay,
    long seed,
    int shards) {

  public TrainingConfig {
    if (epochs <= 0 || batchSize <= 0 || shards <= 0 || shards > batchSize) {
      throw new IllegalArgumentException(
          "training config: epochs, batchSize and shards must be positive and"
              + " shards <= batchSize, got "
              + epochs
              + ", "
              + batchSize
              + ", "
              + shards);
    }
    if (!optimizer.equals("adam") && !optimizer.equals("sgd")) {
      throw new IllegalArgumentException(
          "unknown optimizer '" + optimizer + "' (expected adam or sgd)");
    }
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
    }
  }

  /** Learning rate for optimizer step {@code step} of {@code totalSteps}. */
  public double learningRateAt(long step, long totalSteps) {
    if (!cosineDecay) {
      return learningRate;
    }
    return learningRate * 0.5 * (1 + StrictMath.cos(StrictMath.PI * step / totalSteps));
  }

  FloatOptimizer newOptimizer(FloatNetwork net) {
    return optimizer.equals("adam")
        ? FloatOptimizer.adam(net)
        : FloatOptimizer.sgdMomentum(net, momentum);
  }
}
