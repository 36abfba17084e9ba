package org.tinysim.engine.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.PreparedGraph;

/**
 * Sparse-update schemes in the paper's spirit: the classifier fully, biases of the last blocks, and
 * a channel subset of the last pointwise convolutions; plus a greedy chooser that grows such a
 * scheme from the head until the SRAM budget (or a backward-MAC budget) is reached.
 */
public final class SparseSchemes {

  /** Weighted layers before the head whose biases the default scheme updates. */
  public static final int DEFAULT_BIAS_LAYERS = 12;

  /** Pointwise convolutions nearest the head that also update a channel subset. */
  public static final int DEFAULT_CHANNEL_LAYERS = 2;

  /** The updated fraction of their output channels is 1/CHANNEL_DIVISOR. */
  public static final int CHANNEL_DIVISOR = 4;

  private SparseSchemes() {}

  /** Default scheme: head all, last 12 biases, first quarter channels of the last 2 pointwise. */
  public static List<LayerRule> defaultRules(Graph graph) {
    List<Op> weighted = weightedLayers(graph);
    Map<Op, UpdateRule> rules = new LinkedHashMap<>();
    Op head = weighted.get(weighted.size() - 1);
    rules.put(head, new UpdateRule.AllWeights());
    int pointwise = 0;
    for (int i = weighted.size() - 2;
        i >= 0 && weighted.size() - 2 - i < DEFAULT_BIAS_LAYERS;
        i--) {
      Op op = weighted.get(i);
      if (pointwise < DEFAULT_CHANNEL_LAYERS && isPointwise(op)) {
        rules.put(op, quarter(op));
        pointwise++;
      } else if (LayerSelection.bias(op) != null) {
        rules.put(op, new UpdateRule.BiasOnly());
      }
    }
    return toRules(rules);
  }

  /**
   * Greedy fit: the head fully, then biases walking back from the head while the reordered program
   * fits {@code spec.sramBudget()} and its backward MACs stay within {@code maxBackwardMacs}; then
   * a channel quarter on each bias-updated pointwise conv, nearest the head first, kept when it
   * still fits.
   *
   * @throws TrainingDoesNotFitException when even the head alone does not fit
   */
  public static List<LayerRule> fitToBudget(
      PreparedGraph graph, TrainingSpec spec, long maxBackwardMacs) {
    List<Op> weighted = weightedLayers(graph.graph());
    Map<Op, UpdateRule> rules = new LinkedHashMap<>();
    Op head = weighted.get(weighted.size() - 1);
    rules.put(head, new UpdateRule.AllWeights());
    TrainingProgram headOnly = compile(graph, spec, rules);
    headOnly.requireFitsBudget();
    List<Op> biased = new ArrayList<>();
    for (int i = weighted.size() - 2; i >= 0; i--) {
      Op op = weighted.get(i);
      if (LayerSelection.bias(op) == null) {
        continue;
      }
      rules.put(op, new UpdateRule.BiasOnly());
      if (!fits(compile(graph, spec, rules), spec, maxBackwardMacs)) {
        rules.remove(op);
        break;
      }
      biased.add(op);
    }
    for (Op op : biased) {
      if (isPointwise(op)) {
        rules.put(op, quarter(op));
        if (!fits(compile(graph, spec, rules), spec, maxBackwardMacs)) {
          rules.put(op, new UpdateRule.BiasOnly());
        }
      }
    }
    return toRules(rules);
  }

  /** Ops with weights that lead to the loss, in execution order. */
  static List<Op> weightedLayers(Graph graph) {
    List<Op> weighted = new ArrayList<>();
    for (Op op : graph.ops()) {
      if (LayerSelection.weights(op) != null && LayerSelection.weights(op).isConstant()) {
        weighted.add(op);
      }
    }
    if (weighted.isEmpty()) {
      throw new TrainingSpecException("model " + graph.name() + " has no layer with weights");
    }
    return weighted;
  }

  private static boolean fits(TrainingProgram p, TrainingSpec spec, long maxBackwardMacs) {
    return p.fitsBudget() && p.backwardMacs() <= maxBackwardMacs;
  }

  private static TrainingProgram compile(
      PreparedGraph graph, TrainingSpec spec, Map<Op, UpdateRule> rules) {
    return TrainingCompiler.compile(
        graph, spec.withLayers(toRules(rules)), CompileMode.SPARSE_REORDERED);
  }

  private static boolean isPointwise(Op op) {
    return op instanceof Op.Conv2D c
        && c.filter().shape().dim(1) == 1
        && c.filter().shape().dim(2) == 1;
  }

  private static UpdateRule quarter(Op op) {
    return UpdateRule.Channels.first(
        Math.max(1, LayerSelection.outputChannels(op) / CHANNEL_DIVISOR));
  }

  private static List<LayerRule> toRules(Map<Op, UpdateRule> rules) {
    return rules.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(Op::index)))
        .map(e -> new LayerRule(String.valueOf(e.getKey().index()), e.getValue()))
        .toList();
  }
}
