package org.tinysim.engine.models;

import java.util.function.LongFunction;
import org.tinysim.engine.floatnet.FloatNetwork;
import org.tinysim.engine.floatnet.TrainingConfig;

/**
 * Everything that determines a bundled model's bytes: architecture, initial-weight seed, training
 * settings and calibration set size.
 *
 * @param calibrationImages how many training images (a seeded pick) calibrate activation ranges
 * @param maxShift random translation in pixels applied to training images (0 = none)
 */
public record ModelRecipe(
    String name,
    String description,
    LongFunction<FloatNetwork> architecture,
    long initSeed,
    TrainingConfig training,
    int calibrationImages,
    int maxShift) {

  public FloatNetwork initialNetwork() {
    FloatNetwork net = architecture.apply(initSeed);
    if (!net.name().equals(name)) {
      throw new IllegalStateException(
          "recipe '" + name + "' builds a network named '" + net.name() + "'");
    }
    return net;
  }

  /** Same recipe with another epoch count (quick runs, smoke tests). */
  public ModelRecipe withEpochs(int epochs) {
    TrainingConfig t = training;
    return new ModelRecipe(
        name,
        description,
        architecture,
        initSeed,
        new TrainingConfig(
            epochs,
            t.batchSize(),
            t.optimizer(),
            t.learningRate(),
            t.momentum(),
            t.cosineDecay(),
            t.seed(),
            t.shards()),
        calibrationImages,
        maxShift);
  }
}
