package org.tinysim.engine.floatnet;

import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.Padding;

/**
 * One layer of a {@link FloatNetwork}. Inputs name tensor ids (0 = network input, layer i produces
 * id i + 1). Records check what they can alone; shape-dependent checks (weight sizes, channel
 * counts) happen in {@link FloatNetwork}, which knows the input shapes.
 */
public sealed interface FloatLayer
    permits FloatLayer.Conv2D,
        FloatLayer.DepthwiseConv2D,
        FloatLayer.FullyConnected,
        FloatLayer.AveragePool2D,
        FloatLayer.MaxPool2D,
        FloatLayer.Add,
        FloatLayer.Flatten,
        FloatLayer.Softmax {

  String name();

  /** Tensor ids this layer reads, in operand order. */
  int[] inputs();

  /** Standard convolution; weights OHWI, bias per output channel. */
  record Conv2D(
      String name,
      int input,
      int outChannels,
      int kernelH,
      int kernelW,
      int strideH,
      int strideW,
      Padding padding,
      Activation activation,
      float[] weights,
      float[] bias)
      implements FloatLayer {
    public Conv2D {
      LayerChecks.common(name, input);
      LayerChecks.positive(name, "outChannels", outChannels);
      LayerChecks.window(name, kernelH, kernelW, strideH, strideW, padding);
      LayerChecks.present(name, "activation", activation);
      LayerChecks.length(name, "bias", bias, outChannels);
      LayerChecks.present(name, "weights", weights);
    }

    @Override
    public int[] inputs() {
      return new int[] {input};
    }
  }

  /** Depthwise convolution with depth multiplier 1; weights 1HWC. */
  record DepthwiseConv2D(
      String name,
      int input,
      int kernelH,
      int kernelW,
      int strideH,
      int strideW,
      Padding padding,
      Activation activation,
      float[] weights,
      float[] bias)
      implements FloatLayer {
    public DepthwiseConv2D {
      LayerChecks.common(name, input);
      LayerChecks.window(name, kernelH, kernelW, strideH, strideW, padding);
      LayerChecks.present(name, "activation", activation);
      LayerChecks.present(name, "weights", weights);
      LayerChecks.present(name, "bias", bias);
    }

    @Override
    public int[] inputs() {
      return new int[] {input};
    }
  }

  /** Dense layer over the flattened input; weights [out][in] row-major. */
  record FullyConnected(
      String name, int input, int outUnits, Activation activation, float[] weights, float[] bias)
      implements FloatLayer {
    public FullyConnected {
      LayerChecks.common(name, input);
      LayerChecks.positive(name, "outUnits", outUnits);
      LayerChecks.present(name, "activation", activation);
      LayerChecks.length(name, "bias", bias, outUnits);
      LayerChecks.present(name, "weights", weights);
    }

    @Override
    public int[] inputs() {
      return new int[] {input};
    }
  }

  /** Average pool; padded positions are left out of the count, as in TFLite. */
  record AveragePool2D(
      String name, int input, int kernelH, int kernelW, int strideH, int strideW, Padding padding)
      implements FloatLayer {
    public AveragePool2D {
      LayerChecks.common(name, input);
      LayerChecks.window(name, kernelH, kernelW, strideH, strideW, padding);
    }

    @Override
    public int[] inputs() {
      return new int[] {input};
    }
  }

  /** Max pool over the in-image part of each window. */
  record MaxPool2D(
      String name, int input, int kernelH, int kernelW, int strideH, int strideW, Padding padding)
      implements FloatLayer {
    public MaxPool2D {
      LayerChecks.common(name, input);
      LayerChecks.window(name, kernelH, kernelW, strideH, strideW, padding);
    }

    @Override
    public int[] inputs() {
      return new int[] {input};
    }
  }

  /** Element-wise sum of two tensors of equal shape. */
  record Add(String name, int a, int b, Activation activation) implements FloatLayer {
    public Add {
      LayerChecks.common(name, a);
      LayerChecks.common(name, b);
      LayerChecks.present(name, "activation", activation);
    }

    @Override
    public int[] inputs() {
      return new int[] {a, b};
    }
  }

  /** Reshape to {1, n}; exported as TFLite RESHAPE. */
  record Flatten(String name, int input) implements FloatLayer {
    public Flatten {
      LayerChecks.common(name, input);
    }

    @Override
    public int[] inputs() {
      return new int[] {input};
    }
  }

  /** Softmax over the last axis; the last layer of classifiers. */
  record Softmax(String name, int input) implements FloatLayer {
    public Softmax {
      LayerChecks.common(name, input);
    }

    @Override
    public int[] inputs() {
      return new int[] {input};
    }
  }
}
