package org.tinysim.engine.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Tensor;

/** Resolves a spec's layer selectors against a graph and checks each rule is possible. */
public final class LayerSelection {

  private LayerSelection() {}

  /** Rule per op index, only for ops that update something; sorted by op index. */
  public static Map<Integer, UpdateRule> resolve(Graph graph, TrainingSpec spec) {
    Map<Integer, UpdateRule> rules = new TreeMap<>();
    Map<Integer, String> chosenBy = new TreeMap<>();
    for (LayerRule entry : spec.layers()) {
      Op op = find(graph, entry.selector(), spec.source());
      String layer = describe(op, entry.selector());
      String previous = chosenBy.put(op.index(), entry.selector());
      if (previous != null) {
        throw new TrainingSpecException(
            spec.source() + ": layer " + layer + " is named twice (also as '" + previous + "')");
      }
      check(op, entry.rule(), layer, spec.source());
      if (!(entry.rule() instanceof UpdateRule.None)) {
        rules.put(op.index(), entry.rule());
      }
    }
    return rules;
  }

  /** Every op with trainable weights updates all of them (the full-update baseline). */
  public static Map<Integer, UpdateRule> everything(Graph graph) {
    Map<Integer, UpdateRule> rules = new TreeMap<>();
    for (Op op : graph.ops()) {
      if (weights(op) != null) {
        rules.put(op.index(), new UpdateRule.AllWeights());
      }
    }
    return rules;
  }

  /** The constant weight tensor of a conv, depthwise or FC op; null for other ops. */
  public static Tensor weights(Op op) {
    if (op instanceof Op.Conv2D c) {
      return c.filter();
    }
    if (op instanceof Op.DepthwiseConv2D d) {
      return d.filter();
    }
    return op instanceof Op.FullyConnected f ? f.weights() : null;
  }

  /** The bias tensor of a conv, depthwise or FC op; null when absent. */
  public static Tensor bias(Op op) {
    if (op instanceof Op.Conv2D c) {
      return c.bias();
    }
    if (op instanceof Op.DepthwiseConv2D d) {
      return d.bias();
    }
    return op instanceof Op.FullyConnected f ? f.bias() : null;
  }

  /** Output channels of a weighted op (rows of the weight gradient). */
  public static int outputChannels(Op op) {
    if (op instanceof Op.Conv2D c) {
      return c.filter().shape().dim(0);
    }
    if (op instanceof Op.DepthwiseConv2D d) {
      return d.filter().shape().dim(3);
    }
    if (op instanceof Op.FullyConnected f) {
      return f.outputDepth();
    }
    throw new IllegalArgumentException("op " + op.index() + " " + op.opName() + " has no weights");
  }

  static String describe(Op op, String selector) {
    String name = op.output().name();
    String shown = selector.equals(name) ? "'" + name + "'" : "'" + selector + "' (" + name + ")";
    return shown + " (op " + op.index() + " " + op.opName() + ")";
  }

  private static void check(Op op, UpdateRule rule, String layer, String source) {
    if (rule instanceof UpdateRule.None) {
      return;
    }
    Tensor w = weights(op);
    if (w == null || !w.isConstant()) {
      throw new TrainingSpecException(
          source + ": layer " + layer + " has no weights to update (rule " + rule + ")");
    }
    if (rule instanceof UpdateRule.BiasOnly && bias(op) == null) {
      throw new TrainingSpecException(source + ": layer " + layer + " has no bias to update");
    }
    if (rule instanceof UpdateRule.Channels ch && ch.requiredChannels() > outputChannels(op)) {
      throw new TrainingSpecException(
          source
              + ": layer "
              + layer
              + " has "
              + outputChannels(op)
              + " output channels, but "
              + ch
              + " needs "
              + ch.requiredChannels());
    }
  }

  private static Op find(Graph graph, String selector, String source) {
    String s = selector.trim();
    String digits = s.startsWith("#") ? s.substring(1) : s;
    if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
      int index = Integer.parseInt(digits);
      if (index >= graph.ops().size()) {
        throw new TrainingSpecException(
            source
                + ": unknown layer '"
                + selector
                + "': the model has "
                + graph.ops().size()
                + " ops (0.."
                + (graph.ops().size() - 1)
                + ")");
      }
      return graph.ops().get(index);
    }
    List<Op> exact = new ArrayList<>();
    List<Op> prefix = new ArrayList<>();
    for (Op op : graph.ops()) {
      Tensor w = weights(op);
      if (op.output().name().equals(s) || (w != null && w.name().equals(s))) {
        exact.add(op);
      } else if (op.output().name().startsWith(s)) {
        prefix.add(op);
      }
    }
    List<Op> matches = exact.isEmpty() ? prefix : exact;
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw new TrainingSpecException(
          source + ": unknown layer '" + selector + "'; layers with weights: " + trainable(graph));
    }
    throw new TrainingSpecException(
        source
            + ": layer '"
            + selector
            + "' is ambiguous: ops "
            + matches.stream().map(o -> o.index() + " '" + o.output().name() + "'").toList()
            + "; use the op index or a full name");
  }

  private static String trainable(Graph graph) {
    List<String> names = new ArrayList<>();
    for (Op op : graph.ops()) {
      if (weights(op) != null) {
        names.add(op.index() + " '" + op.output().name() + "'");
      }
    }
    return names.isEmpty() ? "none" : String.join(", ", names);
  }
}
