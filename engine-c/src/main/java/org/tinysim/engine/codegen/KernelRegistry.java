package org.tinysim.engine.codegen;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.OpKind;
import org.tinysim.engine.tflite.UnsupportedOperatorException;

/**
 * The C emitter of each op kind, and the kinds code generation refuses on purpose (imported and
 * interpreted, but without a tsn_ kernel), each with its reason.
 */
public final class KernelRegistry {

  private final Map<OpKind, KernelEmitter> emitters = new EnumMap<>(OpKind.class);
  private final Map<OpKind, String> refused = new EnumMap<>(OpKind.class);

  public KernelRegistry(List<KernelEmitter> all) {
    this(all, Map.of());
  }

  /** {@code refused}: kinds without an emitter, each with why, as compile reports it. */
  public KernelRegistry(List<KernelEmitter> all, Map<OpKind, String> refused) {
    for (KernelEmitter e : all) {
      OpKind kind = OpKind.of(e.kind());
      if (emitters.put(kind, e) != null) {
        throw new IllegalArgumentException("two emitters for " + kind);
      }
    }
    for (Map.Entry<OpKind, String> r : refused.entrySet()) {
      if (emitters.containsKey(r.getKey())) {
        throw new IllegalArgumentException(r.getKey() + " has an emitter and is refused");
      }
      this.refused.put(r.getKey(), r.getValue());
    }
  }

  /** Every op kind that has a tsn kernel; the others are refused with a reason. */
  public static KernelRegistry standard() {
    return new KernelRegistry(
        List.of(
            new Conv2DEmitter(),
            new DepthwiseEmitter(),
            new FullyConnectedEmitter(),
            new AddEmitter(),
            PoolEmitter.average(),
            PoolEmitter.max(),
            new MeanEmitter(),
            new PadEmitter(),
            new SoftmaxEmitter(),
            new ReshapeEmitter(),
            new QuantizeEmitter(),
            new DequantizeEmitter(),
            new TransposeEmitter(),
            new LogSoftmaxEmitter()),
        Map.of(
            OpKind.MUL,
            "no tsn_ C kernel for int8 MUL yet (the reference interpreter runs it)",
            OpKind.CONCATENATION,
            "no tsn_ C kernel for int8 CONCATENATION yet (the reference interpreter runs it)"));
  }

  public KernelEmitter forOp(Op op) {
    KernelEmitter e = emitters.get(op.kind());
    if (e == null) {
      throw new UnsupportedOperatorException(describe(op) + "; supported: " + supported());
    }
    return e;
  }

  /**
   * Fails before any planning or emitting when an op of {@code graph} has no emitter, naming every
   * such op by index and kind.
   */
  public void requireSupported(Graph graph) {
    List<String> missing = new ArrayList<>();
    for (Op op : graph.ops()) {
      if (!emitters.containsKey(op.kind())) {
        missing.add(describe(op));
      }
    }
    if (!missing.isEmpty()) {
      throw new UnsupportedOperatorException(
          "model "
              + CodeGenerator.modelName(graph)
              + " cannot be compiled to C: "
              + String.join("; ", missing)
              + " (supported in codegen: "
              + supported()
              + ")");
    }
  }

  private String describe(Op op) {
    String why = refused.getOrDefault(op.kind(), "no C kernel emitter");
    return "operator " + op.index() + " (" + op.opName() + "): " + why;
  }

  /** Kinds with an emitter. */
  public Set<OpKind> kinds() {
    return Set.copyOf(emitters.keySet());
  }

  /** Kinds refused on purpose, with the reason compile gives. */
  public Map<OpKind, String> refused() {
    return Map.copyOf(refused);
  }

  public String supported() {
    return emitters.keySet().stream().map(OpKind::name).collect(Collectors.joining(", "));
  }
}
