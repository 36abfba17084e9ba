package org.tinysim.engine.training;

import org.tinysim.engine.ir.DataType;

/** Precision of the updated parameters copied to SRAM. */
public enum ParamPrecision {
  /** int8 weights and int32 bias, as in the flash model (quantisation-aware scaling applies). */
  INT8(DataType.INT8, DataType.INT32),
  /** float32 weights and bias: the comparison variant. */
  FP32(DataType.FLOAT32, DataType.FLOAT32);

  private final DataType weightType;
  private final DataType biasType;

  ParamPrecision(DataType weightType, DataType biasType) {
    this.weightType = weightType;
    this.biasType = biasType;
  }

  public DataType weightType() {
    return weightType;
  }

  public DataType biasType() {
    return biasType;
  }
}
