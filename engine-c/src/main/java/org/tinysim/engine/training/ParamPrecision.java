package org.tinysim.engine.training;

import org.tinysim.engine.ir.DataType;

/**
 * Precision the optimizer updates parameters in. Either way the forward pass reads int8 weights and
 * int32 biases from their SRAM copies; FP32 adds a float32 master copy of the updated rows that SGD
 * works on and that is re-quantised into the int8 copy after each update.
 */
public enum ParamPrecision {
  /** SGD on the int8 weights and int32 bias themselves (quantisation-aware scaling applies). */
  INT8(DataType.INT8, DataType.INT32),
  /** SGD on float32 master copies: the comparison variant. */
  FP32(DataType.FLOAT32, DataType.FLOAT32);

  private final DataType weightType;
  private final DataType biasType;

  ParamPrecision(DataType weightType, DataType biasType) {
    this.weightType = weightType;
    this.biasType = biasType;
  }

  /** Whether SGD works on a float32 master copy rather than on the int8/int32 copy. */
  public boolean hasMaster() {
    return this == FP32;
  }

  /** Element type SGD updates for weights. */
  public DataType weightType() {
    return weightType;
  }

  public DataType biasType() {
    return biasType;
  }
}
