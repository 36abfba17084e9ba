package org.tinysim.engine.prepare;

import java.util.ArrayList;
import java.util.List;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.tflite.ModelFormatException;
import org.tinysim.engine.tflite.UnsupportedOperatorException;

/**
 * The prepare pass: computes every operator's integer parameters once, as TFLite's kernel
 * Prepare functions do, so the Java reference interpreter and the C generator share them.
 */
public final class Preparer {

  private Preparer() {}

  public static PreparedGraph prepare(Graph graph) {
    List<PreparedOp> prepared = new ArrayList<>(graph.ops().size());
    for (Op op : graph.ops()) {
      prepared.add(new PreparedOp(op, prepare(graph, op)));
    }
    return new PreparedGraph(graph, prepared);
  }

  /** Params of one operator; {@code graph} only names the model in error messages. */
  public static OpParams prepare(Graph graph, Op op) {
    Where where = new Where(graph.source(), op);
    try {
      return dispatch(op, where);
    } catch (IllegalArgumentException e) {
      // Quantisation helpers reject multipliers TFLite would reject with a failed CHECK.
      throw where.unsupported(e.getMessage());
    }
  }

  private static OpParams dispatch(Op op, Where where) {
    if (op instanceof Op.Conv2D c) {
      return ConvPreparer.conv(c);
    } else if (op instanceof Op.DepthwiseConv2D d) {
      return ConvPreparer.depthwise(d);
    } else if (op instanceof Op.FullyConnected f) {
      return ConvPreparer.fullyConnected(f);
    } else if (op instanceof Op.Add a) {
      return ElementwisePreparer.add(a, where);
    } else if (op instanceof Op.Mul m) {
      return ElementwisePreparer.mul(m);
    } else if (op instanceof Op.AveragePool2D p) {
      return ElementwisePreparer.pool(p.input(), p.output(), p.padding(), p.strideH(),
          p.strideW(), p.filterH(), p.filterW(), p.activation());
    } else if (op instanceof Op.MaxPool2D p) {
      return ElementwisePreparer.pool(p.input(), p.output(), p.padding(), p.strideH(),
          p.strideW(), p.filterH(), p.filterW(), p.activation());
    } else if (op instanceof Op.Mean m) {
      return ElementwisePreparer.mean(m);
    } else if (op instanceof Op.Pad p) {
      return new OpParams.Pad(p.before(), p.after(), p.output().quantization().zeroPoint());
    } else if (op instanceof Op.Reshape r) {
      return new OpParams.Reshape(r.output().sizeInBytes());
    } else if (op instanceof Op.Transpose t) {
      return new OpParams.Transpose(t.perm());
    } else if (op instanceof Op.Softmax s) {
      return SoftmaxPreparer.softmax(s, where);
    } else if (op instanceof Op.LogSoftmax s) {
      return SoftmaxPreparer.logSoftmax(s, where);
    } else if (op instanceof Op.Quantize q) {
      return ElementwisePreparer.quantize(q);
    } else if (op instanceof Op.Dequantize d) {
      Tensor in = d.input();
      return new OpParams.Dequantize(in.quantization().scale(), in.quantization().zeroPoint());
    } else if (op instanceof Op.Concatenation c) {
      return ElementwisePreparer.concatenation(c);
    }
    throw where.unsupported("no prepare step for " + op.getClass().getSimpleName());
  }

  /** Location of the operator being prepared, for messages. */
  record Where(String source, Op op) {
    UnsupportedOperatorException unsupported(String what) {
      return new UnsupportedOperatorException(prefix() + what);
    }

    ModelFormatException invalid(String what) {
      return new ModelFormatException(prefix() + what);
    }

    private String prefix() {
      return String.format("model %s, subgraph 0, operator %d (%s): ", source, op.index(),
          op.opName());
    }
  }
}
