package org.tinysim.engine.codegen;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Tensor;

/**
 * The constant arrays of a model: tensors (weights, biases, constant operands) that go to flash in
 * model_weights.c. A tensor used by several ops is emitted once.
 */
final class WeightTable {

  /** One const array; {@code ctype} is int8_t or int32_t. */
  record Entry(String name, String ctype, int count, String values, String origin) {
    long bytes() {
      return (long) count * (ctype.equals("int8_t") ? 1 : 4);
    }
  }

  private final Map<Integer, Entry> byTensor = new LinkedHashMap<>();
  private final Map<String, Integer> namesUsed = new HashMap<>();
  private final boolean writable;

  /** {@code writable}: the firmware rewrites these arrays at run time (on-device training). */
  WeightTable(boolean writable) {
    this.writable = writable;
  }

  /** Whether values derived from the weights may be worked out at compile time. */
  boolean constantAtRunTime() {
    return !writable;
  }

  /** Array name of an int8 constant tensor. */
  String int8(Tensor t) {
    return add(t, DataType.INT8, "int8_t").name();
  }

  /** Array name of an int32 constant tensor (biases). */
  String int32(Tensor t) {
    return add(t, DataType.INT32, "int32_t").name();
  }

  List<Entry> entries() {
    return new ArrayList<>(byTensor.values());
  }

  long bytes() {
    return byTensor.values().stream().mapToLong(Entry::bytes).sum();
  }

  private Entry add(Tensor t, DataType type, String ctype) {
    Entry known = byTensor.get(t.id());
    if (known != null) {
      return known;
    }
    if (!t.isConstant() || t.type() != type) {
      throw new IllegalArgumentException(
          "tensor "
              + t.id()
              + " '"
              + t.name()
              + "' is not a "
              + type
              + " constant ("
              + t.type()
              + ", constant="
              + t.isConstant()
              + ")");
    }
    String base = "w" + t.id() + "_" + CSyntax.identifier(t.name());
    int clash = namesUsed.merge(base, 1, Integer::sum);
    String name = clash == 1 ? base : base + "_" + clash;
    Entry e =
        type == DataType.INT8
            ? new Entry(name, ctype, t.data().length, CSyntax.list(t.data()), t.name())
            : new Entry(name, ctype, t.data().length / 4, CSyntax.list(ints(t)), t.name());
    byTensor.put(t.id(), e);
    return e;
  }

  private static int[] ints(Tensor t) {
    int[] out = new int[t.data().length / 4];
    ByteBuffer.wrap(t.data()).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
    return out;
  }
}
