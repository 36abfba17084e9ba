package org.tinysim.engine.oracle.interpreter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Tensor;

/**
 * Decoded constant tensors (weights, biases), shared by all runs of one interpreter so the weight
 * bytes are not copied out of the IR on every inference.
 */
final class Constants {

  private final Map<Integer, byte[]> int8 = new ConcurrentHashMap<>();
  private final Map<Integer, int[]> int32 = new ConcurrentHashMap<>();

  byte[] int8(Tensor t) {
    require(t, DataType.INT8);
    return int8.computeIfAbsent(t.id(), id -> t.data());
  }

  int[] int32(Tensor t) {
    require(t, DataType.INT32);
    return int32.computeIfAbsent(t.id(), id -> t.int32Data());
  }

  private static void require(Tensor t, DataType type) {
    if (!t.isConstant() || t.type() != type) {
      throw new IllegalArgumentException(
          Values.describe(t) + " is not a constant " + type + " tensor");
    }
  }
}
