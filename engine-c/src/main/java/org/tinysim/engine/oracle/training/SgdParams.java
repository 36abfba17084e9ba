package org.tinysim.engine.oracle.training;

/** tsn_sgd_params: learning rate, momentum and whether gradients get quantisation-aware scaling. */
public record SgdParams(float lr, float momentum, boolean qas) {

  public SgdParams {
    if (!(lr > 0) || !(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException(
          "need lr > 0 and 0 <= momentum < 1, got lr " + lr + ", momentum " + momentum);
    }
  }
}
