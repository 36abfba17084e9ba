package org.tinysim.engine.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * An operator of the typed IR. Each record names its tensors directly (not by index) so code
 * generators and interpreters read shapes and quantisation without a graph lookup. {@code index} is
 * the operator's position in execution order (and in the source subgraph).
 */
public sealed interface Op {

  int index();

  default OpKind kind() {
    return OpKind.of(getClass());
  }

  /** TFLite builtin name of the operator kind, e.g. CONV_2D. */
  default String opName() {
    return kind().name();
  }

  /** Input tensors in TFLite order; omitted optional inputs are left out. */
  List<Tensor> inputs();

  Tensor output();

  default List<Tensor> outputs() {
    return List.of(output());
  }

  /** Multiply-accumulates per inference; only convolution and matrix ops count. */
  default long macs() {
    return 0;
  }

  /** NHWC 2-D convolution; filter is [O, H, W, I], bias int32 [O] or null. */
  record Conv2D(
      int index,
      Tensor input,
      Tensor filter,
      Tensor bias,
      Tensor output,
      Padding padding,
      int strideH,
      int strideW,
      int dilationH,
      int dilationW,
      Activation activation)
      implements Op {
    @Override
    public List<Tensor> inputs() {
      return withOptional(List.of(input, filter), bias);
    }

    @Override
    public long macs() {
      Shape f = filter.shape();
      return output.shape().elementCount() * f.dim(1) * f.dim(2) * f.dim(3);
    }
  }

  /** NHWC depthwise convolution; filter is [1, H, W, C*depthMultiplier], bias [C*mult]. */
  record DepthwiseConv2D(
      int index,
      Tensor input,
      Tensor filter,
      Tensor bias,
      Tensor output,
      Padding padding,
      int strideH,
      int strideW,
      int dilationH,
      int dilationW,
      int depthMultiplier,
      Activation activation)
      implements Op {
    @Override
    public List<Tensor> inputs() {
      return withOptional(List.of(input, filter), bias);
    }

    @Override
    public long macs() {
      Shape f = filter.shape();
      return output.shape().elementCount() * f.dim(1) * f.dim(2);
    }
  }

  /** Matrix multiply of the input viewed as [batches, inputDepth] with weights [O, inputDepth]. */
  record FullyConnected(
      int index,
      Tensor input,
      Tensor weights,
      Tensor bias,
      Tensor output,
      Activation activation,
      boolean keepNumDims)
      implements Op {
    @Override
    public List<Tensor> inputs() {
      return withOptional(List.of(input, weights), bias);
    }

    public int inputDepth() {
      return weights.shape().dim(1);
    }

    public int outputDepth() {
      return weights.shape().dim(0);
    }

    public int batches() {
      return (int) (input.shape().elementCount() / inputDepth());
    }

    @Override
    public long macs() {
      return (long) batches() * outputDepth() * inputDepth();
    }
  }

  /** Element-wise add with numpy broadcasting. */
  record Add(int index, Tensor input1, Tensor input2, Tensor output, Activation activation)
      implements Op {
    @Override
    public List<Tensor> inputs() {
      return List.of(input1, input2);
    }
  }

  /** Element-wise multiply with numpy broadcasting. */
  record Mul(int index, Tensor input1, Tensor input2, Tensor output, Activation activation)
      implements Op {
    @Override
    public List<Tensor> inputs() {
      return List.of(input1, input2);
    }
  }

  record AveragePool2D(
      int index,
      Tensor input,
      Tensor output,
      Padding padding,
      int strideH,
      int strideW,
      int filterH,
      int filterW,
      Activation activation)
      implements Op {
    @Override
    public List<Tensor> inputs() {
      return List.of(input);
    }
  }

  record MaxPool2D(
      int index,
      Tensor input,
      Tensor output,
      Padding padding,
      int strideH,
      int strideW,
      int filterH,
      int filterW,
      Activation activation)
      implements Op {
    @Override
    public List<Tensor> inputs() {
      return List.of(input);
    }
  }

  /** Mean over {@code axes} (normalised to 0..rank-1, sorted, distinct). */
  record Mean(
      int index, Tensor input, Tensor axisTensor, Tensor output, int[] axes, boolean keepDims)
      implements Op {
    @Override
    public List<Tensor> inputs() {
      return List.of(input, axisTensor);
    }

    @Override
    public int[] axes() {
      return axes.clone();
    }
  }

  /** Constant padding; before/after per dimension, padded with the output zero point. */
  record Pad(int index, Tensor input, Tensor paddings, Tensor output, int[] before, int[] after)
      implements Op {
    @Override
    public List<Tensor> inputs() {
      return List.of(input, paddings);
    }

    @Override
    public int[] before() {
      return before.clone();
    }

    @Override
    public int[] after() {
      return after.clone();
    }
  }

  /** Reshape to the output tensor's shape; shapeTensor is null when given only by options. */
  record Reshape(int index, Tensor input, Tensor shapeTensor, Tensor output) implements Op {
    @Override
    public List<Tensor> inputs() {
      return withOptional(List.of(input), shapeTensor);
    }
  }

  /** output.dim(i) = input.dim(perm[i]). */
  record Transpose(int index, Tensor input, Tensor permTensor, Tensor output, int[] perm)
      implements Op {
    @Override
    public List<Tensor> inputs() {
      return List.of(input, permTensor);
    }

    @Override
    public int[] perm() {
      return perm.clone();
    }
  }

  /** Softmax over the last dimension. */
  record Softmax(int index, Tensor input, Tensor output, float beta) implements Op {
    @Override
    public List<Tensor> inputs() {
      return List.of(input);
    }
  }

  /** Log-softmax over the last dimension (int8 or float32). */
  record LogSoftmax(int index, Tensor input, Tensor output) implements Op {
    @Override
    public List<Tensor> inputs() {
      return List.of(input);
    }
  }

  /** float32 to int8 quantisation, or int8 to int8 requantisation. */
  record Quantize(int index, Tensor input, Tensor output) implements Op {
    @Override
    public List<Tensor> inputs() {
      return List.of(input);
    }
  }

  /** int8 to float32. */
  record Dequantize(int index, Tensor input, Tensor output) implements Op {
    @Override
    public List<Tensor> inputs() {
      return List.of(input);
    }
  }

  /** Concatenation along {@code axis} (normalised to 0..rank-1). */
  record Concatenation(
      int index, List<Tensor> inputs, Tensor output, int axis, Activation activation)
      implements Op {
    public Concatenation {
      inputs = List.copyOf(inputs);
    }
  }

  private static List<Tensor> withOptional(List<Tensor> required, Tensor optional) {
    if (optional == null) {
      return required;
    }
    List<Tensor> all = new ArrayList<>(required);
    all.add(optional);
    return List.copyOf(all);
  }
}
