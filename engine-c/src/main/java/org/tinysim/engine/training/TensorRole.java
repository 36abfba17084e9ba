package org.tinysim.engine.training;

/** What a tensor of a training program holds; decides where it lives and how it is counted. */
public enum TensorRole {
  /** The network input sample, filled by the host before the step. */
  INPUT(true),
  /** A forward activation (kept until its last backward use when backward needs it). */
  ACTIVATION(true),
  /** dLoss/d(activation). */
  ACTIVATION_GRADIENT(true),
  /** dLoss/dW for the updated channels. */
  WEIGHT_GRADIENT(true),
  /** dLoss/db. */
  BIAS_GRADIENT(true),
  /**
   * SRAM copy of a whole int8 weight tensor that is (partly) updated: flash is read-only and the
   * forward kernels read one array. Lives for the whole program.
   */
  WEIGHT_COPY(false),
  /** SRAM copy of an updated int32 bias; lives for the whole program. */
  BIAS_COPY(false),
  /** float32 master of the updated weight rows (fp32 parameters only). */
  WEIGHT_MASTER(false),
  /** float32 master of an updated bias (fp32 parameters only). */
  BIAS_MASTER(false),
  /** Momentum buffer of one updated parameter; lives for the whole program. */
  MOMENTUM(false);

  private final boolean inArena;

  TensorRole(boolean inArena) {
    this.inArena = inArena;
  }

  /** Arena tensors are planned by lifetime; the others are static for the whole program. */
  public boolean inArena() {
    return inArena;
  }

  public boolean isGradient() {
    return this == ACTIVATION_GRADIENT || this == WEIGHT_GRADIENT || this == BIAS_GRADIENT;
  }
}
