package org.tinysim.engine.prepare;

import java.util.ArrayList;
import java.util.List;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.tflite.ModelFormatException;
import org.tinysim.engine.tflite.UnsupportedOperatorException;

/**
 * The prepare pass: computes every operator's integer parameters once, as TFLite's kernel Prepare
 * functions do, for the C generator and the compiler's other passes. The oracle derives the same
 * integers on its own ({@code oracle.OpPreparation}); {@code PrepareCrossCheckTest} compares the
 * two.
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
    // No default: a new OpKind does not compile until it has a prepare step.
    return switch (op.kind()) {
      case CONV_2D -> ConvPreparer.conv((Op.Conv2D) op);
      case DEPTHWISE_CONV_2D -> ConvPreparer.depthwise((Op.DepthwiseConv2D) op);
      case FULLY_CONNECTED -> ConvPreparer.fullyConnected((Op.FullyConnected) op);
      case ADD -> ElementwisePreparer.add((Op.Add) op, where);
      case MUL -> ElementwisePreparer.mul((Op.Mul) op);
      case AVERAGE_POOL_2D -> {
        Op.AveragePool2D p = (Op.AveragePool2D) op;
        yield ElementwisePreparer.pool(
            p.input(),
            p.output(),
            p.padding(),
            p.strideH(),
            p.strideW(),
            p.filterH(),
            p.filterW(),
            p.activation());
      }
      case MAX_POOL_2D -> {
        Op.MaxPool2D p = (Op.MaxPool2D) op;
        yield ElementwisePreparer.pool(
            p.input(),
            p.output(),
            p.padding(),
            p.strideH(),
            p.strideW(),
            p.filterH(),
            p.filterW(),
            p.activation());
      }
      case MEAN -> ElementwisePreparer.mean((Op.Mean) op);
      case PAD -> {
        Op.Pad p = (Op.Pad) op;
        yield new OpParams.Pad(p.before(), p.after(), p.output().quantization().zeroPoint());
      }
      case RESHAPE -> new OpParams.Reshape(op.output().sizeInBytes());
      case TRANSPOSE -> new OpParams.Transpose(((Op.Transpose) op).perm());
      case SOFTMAX -> SoftmaxPreparer.softmax((Op.Softmax) op, where);
      case LOG_SOFTMAX -> SoftmaxPreparer.logSoftmax((Op.LogSoftmax) op, where);
      case QUANTIZE -> ElementwisePreparer.quantize((Op.Quantize) op);
      case DEQUANTIZE -> {
        Tensor in = op.inputs().get(0);
        yield new OpParams.Dequantize(in.quantization().scale(), in.quantization().zeroPoint());
      }
      case CONCATENATION -> ElementwisePreparer.concatenation((Op.Concatenation) op);
    };
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
      return String.format(
          "model %s, subgraph 0, operator %d (%s): ", source, op.index(), op.opName());
    }
  }
}
