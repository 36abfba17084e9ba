package org.tinysim.engine.oracle.training;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Tensor;

/**
 * The current values of the parameters a training run updates (int8 weights, int32 biases, keyed by
 * IR tensor id), and the forward graph with those values substituted, so the ordinary reference
 * interpreter runs the updated model.
 */
public final class ParameterState {

  private final Graph base;
  private final Map<Integer, byte[]> int8 = new HashMap<>();
  private final Map<Integer, int[]> int32 = new HashMap<>();

  public ParameterState(Graph base) {
    this.base = base;
  }

  /** The mutable int8 values of constant tensor {@code t} (copied from the model on first use). */
  public byte[] weights(Tensor t) {
    return int8.computeIfAbsent(t.id(), id -> t.data());
  }

  /** The mutable int32 values of constant tensor {@code t}. */
  public int[] bias(Tensor t) {
    return int32.computeIfAbsent(t.id(), id -> t.int32Data());
  }

  public Map<Integer, byte[]> int8Tensors() {
    return Map.copyOf(int8);
  }

  public Map<Integer, int[]> int32Tensors() {
    return Map.copyOf(int32);
  }

  /** The base graph with every tracked tensor's current values. */
  public Graph graph() {
    List<Tensor> tensors = new ArrayList<>(base.tensors());
    int8.forEach((id, v) -> tensors.set(id, withData(base.tensor(id), v.clone())));
    int32.forEach(
        (id, v) -> {
          ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
          b.asIntBuffer().put(v);
          tensors.set(id, withData(base.tensor(id), b.array()));
        });
    List<Op> ops = new ArrayList<>();
    for (Op op : base.ops()) {
      ops.add(remap(op, tensors));
    }
    return new Graph(base.name(), base.source(), tensors, ops, base.inputs(), base.outputs());
  }

  private static Tensor withData(Tensor t, byte[] data) {
    return new Tensor(
        t.id(), t.name(), t.shape(), t.type(), t.quantization(), data, t.isVariable());
  }

  private static Op remap(Op op, List<Tensor> t) {
    if (op instanceof Op.Conv2D c) {
      return new Op.Conv2D(
          c.index(),
          c.input(),
          t.get(c.filter().id()),
          bias(c.bias(), t),
          c.output(),
          c.padding(),
          c.strideH(),
          c.strideW(),
          c.dilationH(),
          c.dilationW(),
          c.activation());
    }
    if (op instanceof Op.DepthwiseConv2D d) {
      return new Op.DepthwiseConv2D(
          d.index(),
          d.input(),
          t.get(d.filter().id()),
          bias(d.bias(), t),
          d.output(),
          d.padding(),
          d.strideH(),
          d.strideW(),
          d.dilationH(),
          d.dilationW(),
          d.depthMultiplier(),
          d.activation());
    }
    if (op instanceof Op.FullyConnected f) {
      return new Op.FullyConnected(
          f.index(),
          f.input(),
          t.get(f.weights().id()),
          bias(f.bias(), t),
          f.output(),
          f.activation(),
          f.keepNumDims());
    }
    return op;
  }

  private static Tensor bias(Tensor b, List<Tensor> t) {
    return b == null ? null : t.get(b.id());
  }
}
