package org.tinysim.engine.training;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Tensor;

/**
 * Which tensors need a gradient: those that depend on an updated parameter (forward pass) and lead
 * to the loss (backward pass). Everything else is dead code for training: backward stops at the
 * earliest updated layer and never computes the network input's gradient.
 */
final class GradientFlow {

  /** Ops after the logits that have no backward: the loss applies softmax itself. */
  private static final Set<String> HEAD_OPS =
      Set.of("SOFTMAX", "LOG_SOFTMAX", "RESHAPE", "QUANTIZE", "DEQUANTIZE");

  /** Ops with a derived backward (the kernels may cover fewer: the codegen checks). */
  private static final Set<String> DIFFERENTIABLE =
      Set.of(
          "CONV_2D",
          "DEPTHWISE_CONV_2D",
          "FULLY_CONNECTED",
          "ADD",
          "AVERAGE_POOL_2D",
          "MAX_POOL_2D",
          "MEAN",
          "RESHAPE",
          "PAD",
          "TRANSPOSE",
          "QUANTIZE");

  final Graph graph;
  final int logitsOp;

  /** The SOFTMAX op after the logits whose output the loss reads, or -1. */
  final int softmaxOp;

  /** Forward op needed by the training step: its output leads to the logits. */
  final boolean[] opLive;

  /** Per IR tensor id: a gradient of it is computed. */
  final boolean[] needsGradient;

  private GradientFlow(
      Graph graph, int logitsOp, int softmaxOp, boolean[] opLive, boolean[] needsGradient) {
    this.graph = graph;
    this.logitsOp = logitsOp;
    this.softmaxOp = softmaxOp;
    this.opLive = opLive;
    this.needsGradient = needsGradient;
  }

  static GradientFlow analyse(Graph graph, Map<Integer, UpdateRule> updates, String source) {
    Map<Integer, Integer> producer = new HashMap<>();
    for (Op op : graph.ops()) {
      op.outputs().forEach(t -> producer.put(t.id(), op.index()));
    }
    List<Integer> head = head(graph, producer);
    int logitsOp = head.get(head.size() - 1);
    Tensor logits = graph.ops().get(logitsOp).output();
    int softmaxOp = -1;
    for (int op : head) {
      if (graph.ops().get(op).opName().equals("SOFTMAX")) {
        softmaxOp = op;
      }
    }

    int tensors = graph.tensors().size();
    boolean[] leadsToLoss = new boolean[tensors];
    boolean[] opLive = new boolean[graph.ops().size()];
    leadsToLoss[logits.id()] = true;
    for (int i = logitsOp; i >= 0; i--) {
      Op op = graph.ops().get(i);
      if (!leadsToLoss[op.output().id()]) {
        continue;
      }
      opLive[i] = true;
      for (Tensor in : op.inputs()) {
        if (!in.isConstant()) {
          leadsToLoss[in.id()] = true;
        }
      }
    }

    for (int op : head) {
      opLive[op] |= softmaxOp >= 0 && op <= softmaxOp; // forward to the softmax the loss reads
    }

    boolean[] dependsOnUpdate = new boolean[tensors];
    for (int i = 0; i <= logitsOp; i++) {
      Op op = graph.ops().get(i);
      boolean depends = updates.containsKey(i);
      for (Tensor in : op.inputs()) {
        depends |= !in.isConstant() && dependsOnUpdate[in.id()];
      }
      dependsOnUpdate[op.output().id()] = depends;
    }
    for (int index : updates.keySet()) {
      Op op = graph.ops().get(index);
      if (index > logitsOp || !opLive[index]) {
        throw new TrainingSpecException(
            source
                + ": layer "
                + LayerSelection.describe(op, op.output().name())
                + " does not lead to the loss (logits are op "
                + logitsOp
                + ")");
      }
    }

    boolean[] needs = new boolean[tensors];
    for (int t = 0; t < tensors; t++) {
      needs[t] = dependsOnUpdate[t] && leadsToLoss[t];
    }
    for (int i = 0; i <= logitsOp; i++) {
      Op op = graph.ops().get(i);
      if (opLive[i] && needs[op.output().id()] && !DIFFERENTIABLE.contains(op.opName())) {
        throw new TrainingSpecException(
            source
                + ": op "
                + i
                + " "
                + op.opName()
                + " ('"
                + op.output().name()
                + "') lies between an updated layer and the loss but has no "
                + "backward; update only layers after it");
      }
    }
    return new GradientFlow(graph, logitsOp, softmaxOp, opLive, needs);
  }

  boolean needsGradient(Tensor t) {
    return !t.isConstant() && needsGradient[t.id()];
  }

  /**
   * Ops from the graph output back to the logits: the output's producer, then through a
   * softmax/reshape/quantize tail; the last element produces the logits.
   */
  private static List<Integer> head(Graph graph, Map<Integer, Integer> producer) {
    if (graph.outputs().size() != 1) {
      throw new TrainingSpecException(
          "training needs a model with one output (the class "
              + "scores); this one has "
              + graph.outputs().size());
    }
    Integer op = producer.get(graph.outputs().get(0).id());
    if (op == null) {
      throw new TrainingSpecException("the model output is not produced by any op");
    }
    List<Integer> chain = new java.util.ArrayList<>(List.of(op));
    while (HEAD_OPS.contains(graph.ops().get(op).opName())) {
      Integer before = producer.get(graph.ops().get(op).inputs().get(0).id());
      if (before == null) {
        throw new TrainingSpecException("the model has no layer before its output head");
      }
      op = before;
      chain.add(op);
    }
    return chain;
  }

  /** Activation (non-constant) inputs of an op with their TFLite input slots. */
  static List<int[]> activationInputs(Op op) {
    List<Tensor> inputs = op.inputs();
    return java.util.stream.IntStream.range(0, inputs.size())
        .filter(s -> !inputs.get(s).isConstant())
        .filter(s -> !(op instanceof Op.Reshape) || s == 0)
        .mapToObj(s -> new int[] {s, inputs.get(s).id()})
        .toList();
  }
}
