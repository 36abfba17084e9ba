package org.tinysim.engine.ir;

/** Fused activation applied by the producing op before the output is stored. */
public enum Activation {
  NONE,
  RELU,
  RELU6,
  RELU_N1_TO_1
}
