package org.tinysim.engine.oracle.interpreter;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.OpKind;
import org.tinysim.engine.oracle.OpPreparation;

/** The registry: one runner per operator kind. */
final class OpRunners {

  private final Map<OpKind, OpRunner<? extends Op>> runners = new EnumMap<>(OpKind.class);

  /** Runners for every operator kind of the IR. */
  static OpRunners standard() {
    return new OpRunners()
        .register(Op.Conv2D.class, ConvRunners::conv)
        .register(Op.DepthwiseConv2D.class, ConvRunners::depthwise)
        .register(Op.FullyConnected.class, FullyConnectedRunner::run)
        .register(Op.Add.class, ElementwiseRunners::add)
        .register(Op.Mul.class, ElementwiseRunners::mul)
        .register(
            Op.AveragePool2D.class,
            op ->
                PoolRunners.step(
                    PoolRunners.AVERAGE, op.input(), op.output(), OpPreparation.pool(op)))
        .register(
            Op.MaxPool2D.class,
            op ->
                PoolRunners.step(PoolRunners.MAX, op.input(), op.output(), OpPreparation.pool(op)))
        .register(Op.Mean.class, MeanRunner::run)
        .register(Op.Pad.class, LayoutRunners::pad)
        .register(Op.Reshape.class, op -> v -> LayoutRunners.reshape(op, v))
        .register(Op.Transpose.class, op -> v -> LayoutRunners.transpose(op, v))
        .register(Op.Softmax.class, SoftmaxRunners::softmax)
        .register(Op.LogSoftmax.class, SoftmaxRunners::logSoftmax)
        .register(Op.Quantize.class, QuantizeRunners::quantize)
        .register(Op.Dequantize.class, op -> v -> QuantizeRunners.dequantize(op, v))
        .register(Op.Concatenation.class, op -> v -> ConcatenationRunner.run(op, v));
  }

  <O extends Op> OpRunners register(Class<O> kind, OpRunner<O> runner) {
    runners.put(OpKind.of(kind), runner);
    return this;
  }

  boolean supports(Op op) {
    return runners.containsKey(op.kind());
  }

  Set<OpKind> kinds() {
    return Set.copyOf(runners.keySet());
  }

  /** Prepares {@code op} with the runner registered for its kind. */
  OpRunner.Step prepare(Op op) {
    @SuppressWarnings("unchecked") // register() pairs each class with a runner of that class
    OpRunner<Op> runner = (OpRunner<Op>) runners.get(op.kind());
    if (runner == null) {
      throw new IllegalArgumentException("no interpreter runner for " + op.opName());
    }
    return runner.prepare(op);
  }
}
