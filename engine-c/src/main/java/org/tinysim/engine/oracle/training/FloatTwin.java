package org.tinysim.engine.oracle.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tinysim.engine.floatnet.FloatLayer;
import org.tinysim.engine.floatnet.FloatNetwork;
import org.tinysim.engine.floatnet.UpdateMask;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Padding;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.training.UpdateRule;

/**
 * The fp32 twin of an int8 graph: the same layers with dequantised weights (w * s[c]) and biases (b
 * * x_scale * s[c]), as a {@link FloatNetwork}, so the same sparse update can be run in fp32 on the
 * host (the paper's fp32 baseline). Layer i of the twin is op i of the graph.
 */
public final class FloatTwin {

  private FloatTwin() {}

  public static FloatNetwork of(Graph graph) {
    int[] inShape = graph.inputs().get(0).shape().dims();
    Map<Integer, Integer> floatTensor = new HashMap<>();
    floatTensor.put(graph.inputs().get(0).id(), 0);
    List<FloatLayer> layers = new ArrayList<>();
    for (Op op : graph.ops()) {
      layers.add(layer(op, floatTensor));
      floatTensor.put(op.output().id(), layers.size());
    }
    return new FloatNetwork(graph.name().isBlank() ? "twin" : graph.name(), inShape, layers);
  }

  /** The twin's update mask for per-op rules (op index = layer index). */
  public static UpdateMask mask(FloatNetwork net, Map<Integer, UpdateRule> rules) {
    UpdateMask mask = UpdateMask.frozen(net);
    for (Map.Entry<Integer, UpdateRule> e : rules.entrySet()) {
      UpdateRule r = e.getValue();
      if (r instanceof UpdateRule.BiasOnly) {
        mask = mask.with(e.getKey(), UpdateMask.Mode.BIAS_ONLY, null);
      } else if (r instanceof UpdateRule.AllWeights) {
        mask = mask.with(e.getKey(), UpdateMask.Mode.ALL, null);
      } else if (r instanceof UpdateRule.Channels c) {
        boolean[] channels = new boolean[FloatNetwork.biasOf(net.layers().get(e.getKey())).length];
        c.indices().forEach(i -> channels[i] = true);
        mask = mask.with(e.getKey(), UpdateMask.Mode.ALL, channels);
      }
    }
    return mask;
  }

  private static FloatLayer layer(Op op, Map<Integer, Integer> t) {
    String name = op.output().name();
    if (op instanceof Op.Conv2D c) {
      int[] f = c.filter().shape().dims();
      return new FloatLayer.Conv2D(
          name,
          in(t, c.input()),
          f[0],
          f[1],
          f[2],
          c.strideH(),
          c.strideW(),
          c.padding(),
          c.activation(),
          weights(c.filter(), f[0], true),
          bias(c.bias(), c.input(), c.filter(), f[0]));
    }
    if (op instanceof Op.DepthwiseConv2D d) {
      int[] f = d.filter().shape().dims();
      return new FloatLayer.DepthwiseConv2D(
          name,
          in(t, d.input()),
          f[1],
          f[2],
          d.strideH(),
          d.strideW(),
          d.padding(),
          d.activation(),
          weights(d.filter(), f[3], false),
          bias(d.bias(), d.input(), d.filter(), f[3]));
    }
    if (op instanceof Op.FullyConnected fc) {
      int units = fc.weights().shape().dim(0);
      return new FloatLayer.FullyConnected(
          name,
          in(t, fc.input()),
          units,
          fc.activation(),
          weights(fc.weights(), units, true),
          bias(fc.bias(), fc.input(), fc.weights(), units));
    }
    if (op instanceof Op.AveragePool2D p) {
      return new FloatLayer.AveragePool2D(
          name, in(t, p.input()), p.filterH(), p.filterW(), p.strideH(), p.strideW(), p.padding());
    }
    if (op instanceof Op.Mean m) {
      int[] d = m.input().shape().dims();
      GlobalPool.pixels(op);
      return new FloatLayer.AveragePool2D(name, in(t, m.input()), d[1], d[2], 1, 1, Padding.VALID);
    }
    if (op instanceof Op.Reshape r) {
      return new FloatLayer.Flatten(name, in(t, r.input()));
    }
    if (op instanceof Op.Add a) {
      return new FloatLayer.Add(name, in(t, a.input1()), in(t, a.input2()), a.activation());
    }
    if (op instanceof Op.Softmax s) {
      return new FloatLayer.Softmax(name, in(t, s.input()));
    }
    throw new IllegalArgumentException(
        "layer " + op.index() + " (" + op.opName() + ") has no fp32 twin");
  }

  private static int in(Map<Integer, Integer> t, Tensor input) {
    Integer i = t.get(input.id());
    if (i == null) {
      throw new IllegalArgumentException(
          "tensor '" + input.name() + "' is read before it is " + "produced");
    }
    return i;
  }

  /** Dequantised weights; the channel is the outer index (OHWI) or the inner one (1HWC). */
  private static float[] weights(Tensor w, int channels, boolean outer) {
    byte[] q = w.data();
    float[] s = scales(w, channels);
    float[] out = new float[q.length];
    int inner = q.length / channels;
    for (int i = 0; i < q.length; i++) {
      out[i] = q[i] * s[outer ? i / inner : i % channels];
    }
    return out;
  }

  private static float[] bias(Tensor b, Tensor input, Tensor w, int channels) {
    float[] out = new float[channels];
    if (b == null) {
      return out;
    }
    int[] q = b.int32Data();
    float[] s = scales(w, channels);
    float sx = input.quantization().scale();
    for (int c = 0; c < channels; c++) {
      out[c] = q[c] * (sx * s[c]);
    }
    return out;
  }

  private static float[] scales(Tensor w, int channels) {
    float[] s = w.quantization().scales();
    if (s.length == channels) {
      return s;
    }
    float[] all = new float[channels];
    java.util.Arrays.fill(all, s[0]);
    return all;
  }
}
