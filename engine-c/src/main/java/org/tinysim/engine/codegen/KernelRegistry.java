package org.tinysim.engine.codegen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.tflite.UnsupportedOperatorException;

/** The emitter of each supported op kind, keyed by the IR record class. */
public final class KernelRegistry {

  private final Map<Class<? extends Op>, KernelEmitter> emitters = new LinkedHashMap<>();

  public KernelRegistry(List<KernelEmitter> all) {
    for (KernelEmitter e : all) {
      if (emitters.put(e.kind(), e) != null) {
        throw new IllegalArgumentException("two emitters for " + e.kind().getSimpleName());
      }
    }
  }

  /** Every op kind that has a tsn kernel. */
  public static KernelRegistry standard() {
    return new KernelRegistry(List.of(new Conv2DEmitter(), new DepthwiseEmitter(),
        new FullyConnectedEmitter(), new AddEmitter(), PoolEmitter.average(), PoolEmitter.max(),
        new MeanEmitter(), new PadEmitter(), new SoftmaxEmitter(), new ReshapeEmitter(),
        new QuantizeEmitter(), new DequantizeEmitter(), new TransposeEmitter(),
        new LogSoftmaxEmitter()));
  }

  public KernelEmitter forOp(Op op) {
    KernelEmitter e = emitters.get(op.getClass());
    if (e == null) {
      throw new UnsupportedOperatorException("operator " + op.index() + " (" + op.opName()
          + ") has no C kernel emitter; supported: " + supported());
    }
    return e;
  }

  public String supported() {
    return emitters.keySet().stream().map(Class::getSimpleName).collect(Collectors.joining(", "));
  }
}
