package org.tinysim.engine.ir;

import java.util.Arrays;
import java.util.List;
import org.tinysim.engine.tflite.BuiltinOptions;
import org.tinysim.engine.tflite.ModelFormatException;
import org.tinysim.engine.tflite.TfliteOperator;
import org.tinysim.engine.tflite.UnsupportedOperatorException;

/**
 * One operator being converted: resolves its tensors and builds error messages that name the model,
 * subgraph, operator index and operator name.
 */
final class OpContext {

  private final String source;
  private final int subgraph;
  private final int index;
  private final String opName;
  private final TfliteOperator op;
  private final List<Tensor> tensors;

  OpContext(
      String source,
      int subgraph,
      int index,
      String opName,
      TfliteOperator op,
      List<Tensor> tensors) {
    this.source = source;
    this.subgraph = subgraph;
    this.index = index;
    this.opName = opName;
    this.op = op;
    this.tensors = tensors;
  }

  int index() {
    return index;
  }

  String where() {
    return String.format(
        "model %s, subgraph %d, operator %d (%s)", source, subgraph, index, opName);
  }

  ModelFormatException invalid(String what) {
    return new ModelFormatException(where() + ": " + what);
  }

  UnsupportedOperatorException unsupported(String what) {
    return new UnsupportedOperatorException(where() + ": " + what);
  }

  int inputCount() {
    return op.inputs().length;
  }

  /** Fails unless the operator lists between min and max inputs (omitted ones included). */
  void requireInputCount(int min, int max) {
    int n = op.inputs().length;
    if (n < min || n > max) {
      throw invalid(
          "has " + n + " inputs, expected " + (min == max ? "" + min : min + " to " + max));
    }
  }

  /** A required input; fails when missing or omitted (-1). */
  Tensor input(int i, String role) {
    Tensor t = optionalInput(i, role);
    if (t == null) {
      throw invalid("missing required input " + i + " (" + role + ")");
    }
    return t;
  }

  /** An optional input: null when absent or marked -1. */
  Tensor optionalInput(int i, String role) {
    int[] in = op.inputs();
    if (i >= in.length || in[i] == -1) {
      return null;
    }
    return resolve(in[i], "input " + i + " (" + role + ")");
  }

  /** The single output of the operator. */
  Tensor output() {
    int[] out = op.outputs();
    if (out.length != 1) {
      throw invalid("expected 1 output, found " + out.length);
    }
    return resolve(out[0], "output 0");
  }

  private Tensor resolve(int id, String role) {
    if (id < 0 || id >= tensors.size()) {
      throw invalid(
          role
              + " refers to tensor "
              + id
              + " but the subgraph has "
              + tensors.size()
              + " tensors");
    }
    return tensors.get(id);
  }

  /** Options of the expected record type; {@code fallback} is used when the union is NONE. */
  <T extends BuiltinOptions> T options(Class<T> type, T fallback) {
    BuiltinOptions o = op.options();
    if (type.isInstance(o)) {
      return type.cast(o);
    }
    if (o instanceof BuiltinOptions.None && fallback != null) {
      return fallback;
    }
    throw invalid(
        "builtin_options has union type "
            + o.unionType()
            + ", expected "
            + type.getSimpleName()
            + " options");
  }

  // ---- checks --------------------------------------------------------------------------------

  void requireType(Tensor t, String role, DataType... allowed) {
    for (DataType d : allowed) {
      if (t.type() == d) {
        return;
      }
    }
    throw unsupported(
        role
            + " tensor "
            + t.id()
            + " '"
            + t.name()
            + "' has type "
            + t.type()
            + "; supported: "
            + Arrays.toString(allowed));
  }

  void requireRank(Tensor t, String role, int rank) {
    if (t.shape().rank() != rank) {
      throw invalid(
          role + " tensor " + t.id() + " must have rank " + rank + ", shape is " + t.shape());
    }
  }

  void requireSameShape(Tensor a, Tensor b) {
    if (!a.shape().equals(b.shape())) {
      throw invalid("input shape " + a.shape() + " and output shape " + b.shape() + " differ");
    }
  }

  void requireConstant(Tensor t, String role) {
    if (!t.isConstant()) {
      throw unsupported(
          role
              + " tensor "
              + t.id()
              + " '"
              + t.name()
              + "' must be a constant (non-constant "
              + role
              + " not supported)");
    }
  }

  /** int8 activations need exactly one finite positive scale. */
  void requirePerTensor(Tensor t, String role) {
    Quantization q = t.quantization();
    if (q.channelCount() != 1) {
      throw invalid(
          role
              + " tensor "
              + t.id()
              + " '"
              + t.name()
              + "' needs per-tensor quantization, has "
              + q.channelCount()
              + " scales");
    }
    requireValidScales(t, role);
  }

  void requireValidScales(Tensor t, String role) {
    for (float s : t.quantization().scales()) {
      if (!(s > 0) || Float.isInfinite(s)) {
        throw invalid(role + " tensor " + t.id() + " has invalid quantization scale " + s);
      }
    }
  }

  /** Weights: per-tensor, or per-channel along {@code axis} with one scale per channel. */
  void requireWeightQuantization(Tensor w, String role, int axis, int channels) {
    Quantization q = w.quantization();
    if (q.channelCount() == 1) {
      requireValidScales(w, role);
      return;
    }
    if (q.channelCount() != channels || q.axis() != axis) {
      throw invalid(
          role
              + " tensor "
              + w.id()
              + " quantization has "
              + q.channelCount()
              + " scales on axis "
              + q.axis()
              + ", expected 1 or "
              + channels
              + " on axis "
              + axis);
    }
    requireValidScales(w, role);
  }

  void requireSymmetric(Tensor w, String role) {
    for (int zp : w.quantization().zeroPoints()) {
      if (zp != 0) {
        throw unsupported(
            role
                + " tensor "
                + w.id()
                + " has zero point "
                + zp
                + "; only symmetric (zero point 0) int8 weights are supported");
      }
    }
  }

  void requirePositive(String what, int value) {
    if (value < 1) {
      throw invalid(what + " must be >= 1, got " + value);
    }
  }

  Padding padding(int code) {
    return switch (code) {
      case 0 -> Padding.SAME;
      case 1 -> Padding.VALID;
      default -> throw invalid("unknown padding code " + code);
    };
  }

  Activation activation(int code) {
    return switch (code) {
      case 0 -> Activation.NONE;
      case 1 -> Activation.RELU;
      case 2 -> Activation.RELU_N1_TO_1;
      case 3 -> Activation.RELU6;
      case 4 -> throw unsupported("fused activation TANH not supported");
      case 5 -> throw unsupported("fused activation SIGN_BIT not supported");
      default -> throw invalid("unknown fused activation code " + code);
    };
  }

  /** Constant int32/int64 values of a shape, axis or padding tensor. */
  int[] constantInts(Tensor t, String role) {
    if (!t.isConstant()) {
      throw unsupported(role + " tensor " + t.id() + " must be constant");
    }
    if (t.type() == DataType.INT32) {
      return t.int32Data();
    }
    if (t.type() == DataType.INT64) {
      long[] l = t.int64Data();
      int[] out = new int[l.length];
      for (int i = 0; i < l.length; i++) {
        if (l[i] < Integer.MIN_VALUE || l[i] > Integer.MAX_VALUE) {
          throw invalid(role + " value " + l[i] + " out of range");
        }
        out[i] = (int) l[i];
      }
      return out;
    }
    throw unsupported(
        role + " tensor " + t.id() + " has type " + t.type() + "; supported: [INT32, INT64]");
  }
}
