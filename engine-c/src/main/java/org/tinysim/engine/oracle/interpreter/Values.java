package org.tinysim.engine.oracle.interpreter;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Tensor;

/** Tensor values of one run: computed activations by tensor id, plus the shared constants. */
final class Values {

  private final Map<Integer, TensorData> activations = new LinkedHashMap<>();
  private final Constants constants;

  Values(Constants constants) {
    this.constants = constants;
  }

  void put(Tensor t, TensorData value) {
    activations.put(t.id(), value);
  }

  Map<Integer, TensorData> activations() {
    return activations;
  }

  /** int8 operand: a constant or an already computed activation. */
  byte[] int8(Tensor t) {
    requireType(t, DataType.INT8);
    return t.isConstant() ? constants.int8(t) : activation(t).int8();
  }

  float[] float32(Tensor t) {
    requireType(t, DataType.FLOAT32);
    if (t.isConstant()) {
      throw new IllegalArgumentException(
          "constant float operand " + describe(t) + " is not supported");
    }
    return activation(t).float32();
  }

  /** Any activation operand, whatever its type (for type-agnostic ops such as RESHAPE). */
  TensorData any(Tensor t) {
    return t.isConstant() ? TensorData.int8(int8(t)) : activation(t);
  }

  /** int32 bias, or null for an op without one. */
  int[] bias(Tensor t) {
    return t == null ? null : constants.int32(t);
  }

  private TensorData activation(Tensor t) {
    TensorData v = activations.get(t.id());
    if (v == null) {
      throw new IllegalArgumentException(
          describe(t)
              + " has no value yet: it is neither a graph input nor produced by an earlier operator");
    }
    return v;
  }

  private static void requireType(Tensor t, DataType type) {
    if (t.type() != type) {
      throw new IllegalArgumentException(describe(t) + " must be " + type);
    }
  }

  static String describe(Tensor t) {
    return "tensor " + t.id() + " '" + t.name() + "' (" + t.type() + " " + t.shape() + ")";
  }
}
