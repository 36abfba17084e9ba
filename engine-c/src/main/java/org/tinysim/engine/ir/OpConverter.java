package org.tinysim.engine.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tinysim.engine.tflite.BuiltinOptions;

/** Converts one TFLite operator into its typed IR record, checking dtypes and shapes. */
final class OpConverter {

  private static final DataType I8 = DataType.INT8;

  private OpConverter() {}

  static Op convert(int builtinCode, OpContext c) {
    OpKind kind =
        OpKind.ofBuiltin(builtinCode)
            .orElseThrow(
                () ->
                    c.unsupported(
                        "operator not supported by tinysim (supported: " + OpKind.names() + ")"));
    // Extra inputs would be silently ignored otherwise.
    c.requireInputCount(kind.minInputs(), kind.maxInputs());
    // No default: a new OpKind does not compile until it has a converter.
    return switch (kind) {
      case CONV_2D -> conv2d(c);
      case DEPTHWISE_CONV_2D -> depthwise(c);
      case FULLY_CONNECTED -> fullyConnected(c);
      case ADD -> add(c);
      case MUL -> mul(c);
      case AVERAGE_POOL_2D -> pool(c, false);
      case MAX_POOL_2D -> pool(c, true);
      case MEAN -> mean(c);
      case PAD -> pad(c);
      case RESHAPE -> reshape(c);
      case TRANSPOSE -> transpose(c);
      case SOFTMAX -> softmax(c);
      case LOG_SOFTMAX -> logSoftmax(c);
      case QUANTIZE -> quantize(c);
      case DEQUANTIZE -> dequantize(c);
      case CONCATENATION -> concatenation(c);
    };
  }

  /** Input, constant int8 filter, optional bias and output of a 4-D convolution, checked. */
  private record ConvOperands(Tensor input, Tensor filter, Tensor bias, Tensor output) {}

  private static ConvOperands convOperands(OpContext c) {
    Tensor in = int8Activation(c, c.input(0, "input"), "input");
    Tensor filter = c.input(1, "filter");
    Tensor bias = c.optionalInput(2, "bias");
    Tensor out = int8Activation(c, c.output(), "output");
    c.requireType(filter, "filter", I8);
    c.requireRank(in, "input", 4);
    c.requireRank(filter, "filter", 4);
    c.requireRank(out, "output", 4);
    c.requireConstant(filter, "filter");
    return new ConvOperands(in, filter, bias, out);
  }

  private static Op conv2d(OpContext c) {
    var o = c.options(BuiltinOptions.Conv2D.class, null);
    ConvOperands operands = convOperands(c);
    Tensor in = operands.input();
    Tensor filter = operands.filter();
    Tensor bias = operands.bias();
    Tensor out = operands.output();
    int outC = filter.shape().dim(0);
    if (filter.shape().dim(3) != in.shape().dim(3)) {
      throw c.unsupported(
          "filter depth "
              + filter.shape().dim(3)
              + " differs from input depth "
              + in.shape().dim(3)
              + " (grouped convolution not supported)");
    }
    c.requireWeightQuantization(filter, "filter", 0, outC);
    c.requireSymmetric(filter, "filter");
    checkBias(c, bias, outC);
    Padding padding = c.padding(o.padding());
    c.requirePositive("stride_h", o.strideH());
    c.requirePositive("stride_w", o.strideW());
    c.requirePositive("dilation_h", o.dilationH());
    c.requirePositive("dilation_w", o.dilationW());
    checkSpatialOutput(
        c,
        in,
        out,
        outC,
        padding,
        filter.shape().dim(1),
        filter.shape().dim(2),
        o.strideH(),
        o.strideW(),
        o.dilationH(),
        o.dilationW());
    return new Op.Conv2D(
        c.index(),
        in,
        filter,
        bias,
        out,
        padding,
        o.strideH(),
        o.strideW(),
        o.dilationH(),
        o.dilationW(),
        c.activation(o.fusedActivation()));
  }

  private static Op depthwise(OpContext c) {
    var o = c.options(BuiltinOptions.DepthwiseConv2D.class, null);
    ConvOperands operands = convOperands(c);
    Tensor in = operands.input();
    Tensor filter = operands.filter();
    Tensor bias = operands.bias();
    Tensor out = operands.output();
    if (filter.shape().dim(0) != 1) {
      throw c.invalid("depthwise filter must be [1, H, W, C], shape is " + filter.shape());
    }
    int outC = filter.shape().dim(3);
    int inC = in.shape().dim(3);
    if (inC == 0 || outC % inC != 0) {
      throw c.invalid("filter channels " + outC + " are not a multiple of input depth " + inC);
    }
    int multiplier = outC / inC;
    if (o.depthMultiplier() != 0 && o.depthMultiplier() != multiplier) {
      throw c.invalid(
          "depth_multiplier "
              + o.depthMultiplier()
              + " disagrees with shapes ("
              + outC
              + "/"
              + inC
              + ")");
    }
    c.requireWeightQuantization(filter, "filter", 3, outC);
    c.requireSymmetric(filter, "filter");
    checkBias(c, bias, outC);
    Padding padding = c.padding(o.padding());
    c.requirePositive("stride_h", o.strideH());
    c.requirePositive("stride_w", o.strideW());
    c.requirePositive("dilation_h", o.dilationH());
    c.requirePositive("dilation_w", o.dilationW());
    checkSpatialOutput(
        c,
        in,
        out,
        outC,
        padding,
        filter.shape().dim(1),
        filter.shape().dim(2),
        o.strideH(),
        o.strideW(),
        o.dilationH(),
        o.dilationW());
    return new Op.DepthwiseConv2D(
        c.index(),
        in,
        filter,
        bias,
        out,
        padding,
        o.strideH(),
        o.strideW(),
        o.dilationH(),
        o.dilationW(),
        multiplier,
        c.activation(o.fusedActivation()));
  }

  private static Op fullyConnected(OpContext c) {
    var o =
        c.options(
            BuiltinOptions.FullyConnected.class,
            new BuiltinOptions.FullyConnected(0, 0, false, false));
    Tensor in = int8Activation(c, c.input(0, "input"), "input");
    Tensor w = c.input(1, "weights");
    Tensor bias = c.optionalInput(2, "bias");
    Tensor out = int8Activation(c, c.output(), "output");
    if (o.weightsFormat() != 0) {
      throw c.unsupported("weights_format " + o.weightsFormat() + " (shuffled) not supported");
    }
    c.requireType(w, "weights", I8);
    c.requireRank(w, "weights", 2);
    c.requireConstant(w, "weights");
    int outDepth = w.shape().dim(0);
    int inDepth = w.shape().dim(1);
    long inElements = in.shape().elementCount();
    if (inDepth == 0 || inElements % inDepth != 0) {
      throw c.invalid("input " + in.shape() + " cannot be viewed as [batches, " + inDepth + "]");
    }
    long batches = inElements / inDepth;
    if (out.shape().last() != outDepth || out.shape().elementCount() != batches * outDepth) {
      throw c.invalid(
          "output shape " + out.shape() + " does not match [" + batches + ", " + outDepth + "]");
    }
    c.requireWeightQuantization(w, "weights", 0, outDepth);
    checkBias(c, bias, outDepth);
    return new Op.FullyConnected(
        c.index(), in, w, bias, out, c.activation(o.fusedActivation()), o.keepNumDims());
  }

  private static Op add(OpContext c) {
    var o = c.options(BuiltinOptions.Add.class, new BuiltinOptions.Add(0, true));
    Tensor a = int8Activation(c, c.input(0, "input1"), "input1");
    Tensor b = int8Activation(c, c.input(1, "input2"), "input2");
    Tensor out = int8Activation(c, c.output(), "output");
    checkBroadcast(c, a, b, out);
    return new Op.Add(c.index(), a, b, out, c.activation(o.fusedActivation()));
  }

  private static Op mul(OpContext c) {
    var o = c.options(BuiltinOptions.Mul.class, new BuiltinOptions.Mul(0));
    Tensor a = int8Activation(c, c.input(0, "input1"), "input1");
    Tensor b = int8Activation(c, c.input(1, "input2"), "input2");
    Tensor out = int8Activation(c, c.output(), "output");
    checkBroadcast(c, a, b, out);
    return new Op.Mul(c.index(), a, b, out, c.activation(o.fusedActivation()));
  }

  private static Op pool(OpContext c, boolean max) {
    var o = c.options(BuiltinOptions.Pool2D.class, null);
    Tensor in = int8Activation(c, c.input(0, "input"), "input");
    Tensor out = int8Activation(c, c.output(), "output");
    c.requireRank(in, "input", 4);
    c.requireRank(out, "output", 4);
    Padding padding = c.padding(o.padding());
    c.requirePositive("stride_h", o.strideH());
    c.requirePositive("stride_w", o.strideW());
    c.requirePositive("filter_height", o.filterHeight());
    c.requirePositive("filter_width", o.filterWidth());
    checkSpatialOutput(
        c,
        in,
        out,
        in.shape().dim(3),
        padding,
        o.filterHeight(),
        o.filterWidth(),
        o.strideH(),
        o.strideW(),
        1,
        1);
    Activation act = c.activation(o.fusedActivation());
    return max
        ? new Op.MaxPool2D(
            c.index(),
            in,
            out,
            padding,
            o.strideH(),
            o.strideW(),
            o.filterHeight(),
            o.filterWidth(),
            act)
        : new Op.AveragePool2D(
            c.index(),
            in,
            out,
            padding,
            o.strideH(),
            o.strideW(),
            o.filterHeight(),
            o.filterWidth(),
            act);
  }

  private static Op mean(OpContext c) {
    var o = c.options(BuiltinOptions.Reducer.class, new BuiltinOptions.Reducer(false));
    Tensor in = int8Activation(c, c.input(0, "input"), "input");
    Tensor axisTensor = c.input(1, "axis");
    Tensor out = int8Activation(c, c.output(), "output");
    int rank = in.shape().rank();
    boolean[] reduced = new boolean[rank];
    for (int a : c.constantInts(axisTensor, "axis")) {
      int axis = a < 0 ? a + rank : a;
      if (axis < 0 || axis >= rank) {
        throw c.invalid("axis " + a + " out of range for rank " + rank);
      }
      reduced[axis] = true;
    }
    List<Integer> expected = new ArrayList<>();
    int count = 0;
    for (int i = 0; i < rank; i++) {
      if (reduced[i]) {
        count++;
        if (o.keepDims()) {
          expected.add(1);
        }
      } else {
        expected.add(in.shape().dim(i));
      }
    }
    int[] axes = new int[count];
    for (int i = 0, k = 0; i < rank; i++) {
      if (reduced[i]) {
        axes[k++] = i;
      }
    }
    checkShape(c, out, expected.stream().mapToInt(Integer::intValue).toArray());
    return new Op.Mean(c.index(), in, axisTensor, out, axes, o.keepDims());
  }

  private static Op pad(OpContext c) {
    Tensor in = int8Activation(c, c.input(0, "input"), "input");
    Tensor paddings = c.input(1, "paddings");
    Tensor out = int8Activation(c, c.output(), "output");
    if (c.inputCount() > 2) {
      throw c.unsupported("PAD with an explicit constant value input not supported");
    }
    int rank = in.shape().rank();
    int[] p = c.constantInts(paddings, "paddings");
    if (p.length != 2 * rank) {
      throw c.invalid("paddings has " + p.length + " values, expected [" + rank + ", 2]");
    }
    int[] before = new int[rank];
    int[] after = new int[rank];
    int[] expected = new int[rank];
    for (int i = 0; i < rank; i++) {
      before[i] = p[2 * i];
      after[i] = p[2 * i + 1];
      if (before[i] < 0 || after[i] < 0) {
        throw c.invalid("negative padding " + Arrays.toString(p));
      }
      expected[i] =
          (int) Math.min(Integer.MAX_VALUE, (long) in.shape().dim(i) + before[i] + after[i]);
    }
    checkShape(c, out, expected);
    requireSameQuantization(c, in, out);
    return new Op.Pad(c.index(), in, paddings, out, before, after);
  }

  private static Op reshape(OpContext c) {
    c.options(BuiltinOptions.Reshape.class, new BuiltinOptions.Reshape(null));
    Tensor in = c.input(0, "input");
    Tensor shape = c.optionalInput(1, "shape");
    Tensor out = c.output();
    if (in.type() != out.type() || !in.type().hasFixedSize()) {
      throw c.unsupported("reshape from " + in.type() + " to " + out.type() + " not supported");
    }
    if (in.shape().elementCount() != out.shape().elementCount()) {
      throw c.invalid(
          "input " + in.shape() + " and output " + out.shape() + " have different element counts");
    }
    return new Op.Reshape(c.index(), in, shape, out);
  }

  private static Op transpose(OpContext c) {
    Tensor in = c.input(0, "input");
    Tensor permTensor = c.input(1, "perm");
    Tensor out = c.output();
    if (in.type() != out.type() || !in.type().hasFixedSize()) {
      throw c.unsupported("transpose from " + in.type() + " to " + out.type() + " not supported");
    }
    int rank = in.shape().rank();
    int[] perm = c.constantInts(permTensor, "perm");
    boolean[] seen = new boolean[rank];
    int[] expected = new int[rank];
    if (perm.length != rank) {
      throw c.invalid("perm " + Arrays.toString(perm) + " has wrong length for rank " + rank);
    }
    for (int i = 0; i < rank; i++) {
      if (perm[i] < 0 || perm[i] >= rank || seen[perm[i]]) {
        throw c.invalid("perm " + Arrays.toString(perm) + " is not a permutation");
      }
      seen[perm[i]] = true;
      expected[i] = in.shape().dim(perm[i]);
    }
    checkShape(c, out, expected);
    return new Op.Transpose(c.index(), in, permTensor, out, perm);
  }

  private static Op softmax(OpContext c) {
    var o = c.options(BuiltinOptions.Softmax.class, null);
    Tensor in = int8Activation(c, c.input(0, "input"), "input");
    Tensor out = int8Activation(c, c.output(), "output");
    c.requireSameShape(in, out);
    if (!(o.beta() > 0) || Float.isInfinite(o.beta())) {
      throw c.invalid("softmax beta must be positive and finite, got " + o.beta());
    }
    return new Op.Softmax(c.index(), in, out, o.beta());
  }

  private static Op logSoftmax(OpContext c) {
    Tensor in = c.input(0, "input");
    Tensor out = c.output();
    c.requireType(in, "input", I8, DataType.FLOAT32);
    c.requireType(out, "output", in.type());
    if (in.type() == I8) {
      int8Activation(c, in, "input");
      int8Activation(c, out, "output");
    }
    c.requireSameShape(in, out);
    return new Op.LogSoftmax(c.index(), in, out);
  }

  private static Op quantize(OpContext c) {
    Tensor in = c.input(0, "input");
    Tensor out = int8Activation(c, c.output(), "output");
    c.requireType(in, "input", DataType.FLOAT32, I8);
    if (in.type() == I8) {
      int8Activation(c, in, "input");
    }
    c.requireSameShape(in, out);
    return new Op.Quantize(c.index(), in, out);
  }

  private static Op dequantize(OpContext c) {
    Tensor in = int8Activation(c, c.input(0, "input"), "input");
    Tensor out = c.output();
    c.requireType(out, "output", DataType.FLOAT32);
    c.requireSameShape(in, out);
    return new Op.Dequantize(c.index(), in, out);
  }

  private static Op concatenation(OpContext c) {
    var o = c.options(BuiltinOptions.Concatenation.class, new BuiltinOptions.Concatenation(0, 0));
    Tensor out = int8Activation(c, c.output(), "output");
    if (c.inputCount() == 0) {
      throw c.invalid("concatenation needs at least one input");
    }
    int rank = out.shape().rank();
    int axis = o.axis() < 0 ? o.axis() + rank : o.axis();
    if (axis < 0 || axis >= rank) {
      throw c.invalid("axis " + o.axis() + " out of range for rank " + rank);
    }
    Activation act = c.activation(o.fusedActivation());
    if (act != Activation.NONE) {
      throw c.unsupported("fused activation " + act + " on int8 concatenation not supported");
    }
    List<Tensor> inputs = new ArrayList<>();
    long axisSum = 0;
    for (int i = 0; i < c.inputCount(); i++) {
      Tensor t = int8Activation(c, c.input(i, "input"), "input " + i);
      if (t.shape().rank() != rank) {
        throw c.invalid("input " + i + " has rank " + t.shape().rank() + ", output rank " + rank);
      }
      for (int d = 0; d < rank; d++) {
        if (d != axis && t.shape().dim(d) != out.shape().dim(d)) {
          throw c.invalid(
              "input "
                  + i
                  + " shape "
                  + t.shape()
                  + " does not match output "
                  + out.shape()
                  + " outside axis "
                  + axis);
        }
      }
      axisSum += t.shape().dim(axis);
      inputs.add(t);
    }
    if (axisSum != out.shape().dim(axis)) {
      throw c.invalid(
          "inputs sum to "
              + axisSum
              + " along axis "
              + axis
              + ", output has "
              + out.shape().dim(axis));
    }
    return new Op.Concatenation(c.index(), inputs, out, axis, act);
  }

  // ---- shared checks -------------------------------------------------------------------------

  private static Tensor int8Activation(OpContext c, Tensor t, String role) {
    c.requireType(t, role, I8);
    c.requirePerTensor(t, role);
    return t;
  }

  private static void checkBias(OpContext c, Tensor bias, int channels) {
    if (bias == null) {
      return;
    }
    c.requireType(bias, "bias", DataType.INT32);
    c.requireConstant(bias, "bias");
    if (bias.shape().elementCount() != channels) {
      throw c.invalid(
          "bias shape " + bias.shape() + " does not match " + channels + " output channels");
    }
  }

  private static void checkSpatialOutput(
      OpContext c,
      Tensor in,
      Tensor out,
      int outC,
      Padding padding,
      int filterH,
      int filterW,
      int strideH,
      int strideW,
      int dilH,
      int dilW) {
    Shape is = in.shape();
    int outH = padding.outputSize(is.dim(1), filterH, strideH, dilH);
    int outW = padding.outputSize(is.dim(2), filterW, strideW, dilW);
    if (outH < 1 || outW < 1) {
      throw c.invalid(
          "filter "
              + filterH
              + "x"
              + filterW
              + " does not fit input "
              + is
              + " with "
              + padding
              + " padding");
    }
    checkShape(c, out, new int[] {is.dim(0), outH, outW, outC});
  }

  private static void checkShape(OpContext c, Tensor out, int[] expected) {
    if (!Arrays.equals(out.shape().dims(), expected)) {
      throw c.invalid(
          "output shape " + out.shape() + " does not match expected " + Shape.format(expected));
    }
  }

  private static void checkBroadcast(OpContext c, Tensor a, Tensor b, Tensor out) {
    int[] x = a.shape().dims();
    int[] y = b.shape().dims();
    int rank = Math.max(x.length, y.length);
    int[] expected = new int[rank];
    for (int i = 0; i < rank; i++) {
      int dx = i < rank - x.length ? 1 : x[i - (rank - x.length)];
      int dy = i < rank - y.length ? 1 : y[i - (rank - y.length)];
      if (dx != dy && dx != 1 && dy != 1) {
        throw c.invalid("shapes " + a.shape() + " and " + b.shape() + " do not broadcast");
      }
      expected[i] = dx == 1 ? dy : dx;
    }
    checkShape(c, out, expected);
  }

  private static void requireSameQuantization(OpContext c, Tensor in, Tensor out) {
    if (!in.quantization().equals(out.quantization())) {
      throw c.unsupported(
          "input quantization "
              + in.quantization()
              + " differs from output "
              + out.quantization()
              + " (requantizing PAD not supported)");
    }
  }
}
