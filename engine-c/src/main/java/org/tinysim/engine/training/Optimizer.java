package org.tinysim.engine.training;

/** SGD with momentum; momentum 0 means plain SGD and needs no optimizer state. */
public record Optimizer(double learningRate, double momentum) {

  public Optimizer {
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new TrainingSpecException("learning rate " + learningRate + " must be positive");
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new TrainingSpecException("momentum " + momentum + " must be in [0, 1)");
    }
  }

  public boolean hasState() {
    return momentum > 0;
  }
}
