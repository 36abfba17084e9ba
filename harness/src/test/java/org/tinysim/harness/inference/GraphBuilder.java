package org.tinysim.harness.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Quantization;
import org.tinysim.engine.ir.Shape;
import org.tinysim.engine.ir.Tensor;

/** Builds IR graphs directly (no .tflite): tensors get ids in creation order. */
final class GraphBuilder {

  private final List<Tensor> tensors = new ArrayList<>();
  private final List<Op> ops = new ArrayList<>();
  private final List<Tensor> inputs = new ArrayList<>();
  private final List<Tensor> outputs = new ArrayList<>();

  Tensor activation(String name, Shape shape, float scale, int zeroPoint) {
    return add(
        id ->
            new Tensor(
                id,
                name,
                shape,
                DataType.INT8,
                Quantization.perTensor(scale, zeroPoint),
                null,
                false));
  }

  Tensor input(String name, Shape shape, float scale, int zeroPoint) {
    Tensor t = activation(name, shape, scale, zeroPoint);
    inputs.add(t);
    return t;
  }

  Tensor floatInput(String name, Shape shape) {
    Tensor t = floatActivation(name, shape);
    inputs.add(t);
    return t;
  }

  Tensor floatActivation(String name, Shape shape) {
    return add(id -> new Tensor(id, name, shape, DataType.FLOAT32, Quantization.NONE, null, false));
  }

  Tensor int8Const(String name, Shape shape, byte[] data, Quantization q) {
    return add(id -> new Tensor(id, name, shape, DataType.INT8, q, data.clone(), false));
  }

  Tensor int32Const(String name, int[] values, Quantization q) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      b.putInt(v);
    }
    return add(
        id -> new Tensor(id, name, Shape.of(values.length), DataType.INT32, q, b.array(), false));
  }

  int nextOpIndex() {
    return ops.size();
  }

  /** Adds an op whose output becomes a graph output. */
  void op(Op op) {
    if (op.index() != ops.size()) {
      throw new IllegalArgumentException("op index " + op.index() + " != " + ops.size());
    }
    ops.add(op);
    outputs.add(op.output());
  }

  /** Adds an op whose output feeds later ops. */
  void intermediate(Op op) {
    op(op);
    outputs.remove(outputs.size() - 1);
  }

  Graph build(String name) {
    return new Graph(name, "test:" + name, tensors, ops, inputs, outputs);
  }

  private Tensor add(IntFunction<Tensor> make) {
    Tensor t = make.apply(tensors.size());
    tensors.add(t);
    return t;
  }
}
