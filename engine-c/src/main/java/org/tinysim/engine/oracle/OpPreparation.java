package org.tinysim.engine.oracle;

import java.util.Arrays;
import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.ActivationRange;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Padding;
import org.tinysim.engine.ir.Quantization;
import org.tinysim.engine.ir.QuantizedMultiplier;
import org.tinysim.engine.ir.Tensor;

/**
 * The oracle's own Prepare step: each operator's kernel parameter record derived from the IR
 * operator and its tensors' quantisation with {@link PrepareFormulas}, following TFLite's kernels'
 * Prepare functions. It shares nothing with the compiler's {@code prepare} pass, so a test can
 * check the two derivations against each other. Unsupported cases throw IllegalArgumentException;
 * callers add the operator's location.
 */
public final class OpPreparation {

  private OpPreparation() {}

  /** CONV_2D: per-channel multipliers (per-tensor filter scales are broadcast). */
  public static ConvParams conv(Op.Conv2D op) {
    int channels = op.filter().shape().dim(0);
    QuantizedMultiplier[] m =
        convolutionMultipliers(op.input(), op.filter(), op.output(), channels);
    ActivationRange r = activationRange(op.activation(), op.output());
    int filterH = op.filter().shape().dim(1);
    int filterW = op.filter().shape().dim(2);
    return new ConvParams(
        -zeroPoint(op.input()),
        zeroPoint(op.output()),
        multipliers(m),
        shifts(m),
        op.strideH(),
        op.strideW(),
        op.dilationH(),
        op.dilationW(),
        pad(op.padding(), op.input(), 1, filterH, op.strideH(), op.dilationH()),
        pad(op.padding(), op.input(), 2, filterW, op.strideW(), op.dilationW()),
        r.min(),
        r.max());
  }

  /** DEPTHWISE_CONV_2D: filter [1, h, w, channels], one multiplier per output channel. */
  public static DepthwiseConvParams depthwise(Op.DepthwiseConv2D op) {
    int channels = op.filter().shape().dim(3);
    QuantizedMultiplier[] m =
        convolutionMultipliers(op.input(), op.filter(), op.output(), channels);
    ActivationRange r = activationRange(op.activation(), op.output());
    int filterH = op.filter().shape().dim(1);
    int filterW = op.filter().shape().dim(2);
    return new DepthwiseConvParams(
        -zeroPoint(op.input()),
        zeroPoint(op.output()),
        multipliers(m),
        shifts(m),
        op.strideH(),
        op.strideW(),
        op.dilationH(),
        op.dilationW(),
        pad(op.padding(), op.input(), 1, filterH, op.strideH(), op.dilationH()),
        pad(op.padding(), op.input(), 2, filterW, op.strideW(), op.dilationW()),
        op.depthMultiplier(),
        r.min(),
        r.max());
  }

  /**
   * FULLY_CONNECTED. Per-channel weights get one multiplier per output neuron; per-tensor weights
   * one multiplier from TFLite's {@code GetQuantizedConvolutionMultipler}, which forms the
   * input*filter scale product in float before widening to double.
   */
  public static FullyConnectedParams fullyConnected(Op.FullyConnected op) {
    Quantization weights = op.weights().quantization();
    ActivationRange r = activationRange(op.activation(), op.output());
    if (weights.isPerChannel()) {
      QuantizedMultiplier[] m =
          convolutionMultipliers(op.input(), op.weights(), op.output(), op.outputDepth());
      return new FullyConnectedParams(
          -zeroPoint(op.input()),
          -weights.zeroPoint(),
          zeroPoint(op.output()),
          multipliers(m),
          shifts(m),
          r.min(),
          r.max());
    }
    float inputProductScale = scale(op.input()) * weights.scale();
    QuantizedMultiplier m =
        PrepareFormulas.quantizeMultiplier(
            (double) inputProductScale / (double) scale(op.output()));
    return FullyConnectedParams.perTensor(
        -zeroPoint(op.input()),
        -weights.zeroPoint(),
        zeroPoint(op.output()),
        m.multiplier(),
        m.shift(),
        r.min(),
        r.max());
  }

  /** ADD (int8): both inputs rescaled to twice the larger input scale, left shift 20. */
  public static AddParams add(Op.Add op) {
    return AddParams.fromQuantization(
        scale(op.input1()),
        zeroPoint(op.input1()),
        scale(op.input2()),
        zeroPoint(op.input2()),
        scale(op.output()),
        zeroPoint(op.output()),
        activationRange(op.activation(), op.output()));
  }

  /** MUL (int8): real multiplier s1 * s2 / s_out, each scale widened to double first. */
  public static MulParams mul(Op.Mul op) {
    QuantizedMultiplier m =
        PrepareFormulas.quantizeMultiplier(
            (double) scale(op.input1())
                * (double) scale(op.input2())
                / (double) scale(op.output()));
    ActivationRange r = activationRange(op.activation(), op.output());
    return new MulParams(
        -zeroPoint(op.input1()),
        -zeroPoint(op.input2()),
        zeroPoint(op.output()),
        m.multiplier(),
        m.shift(),
        r.min(),
        r.max());
  }

  public static PoolParams pool(Op.AveragePool2D op) {
    return pool(
        op.input(),
        op.output(),
        op.padding(),
        op.strideH(),
        op.strideW(),
        op.filterH(),
        op.filterW(),
        op.activation());
  }

  public static PoolParams pool(Op.MaxPool2D op) {
    return pool(
        op.input(),
        op.output(),
        op.padding(),
        op.strideH(),
        op.strideW(),
        op.filterH(),
        op.filterW(),
        op.activation());
  }

  /** MEAN (int8): multiplier inputScale / outputScale; the count is divided out later. */
  public static MeanParams mean(Op.Mean op) {
    return MeanParams.fromQuantization(
        scale(op.input()), zeroPoint(op.input()), scale(op.output()), zeroPoint(op.output()));
  }

  /** SOFTMAX (int8): the output must be TFLite's fixed scale 1/256, zero point -128. */
  public static SoftmaxParams softmax(Op.Softmax op) {
    Quantization out = op.output().quantization();
    if (out.zeroPoint() != -128 || Math.abs(out.scale() - 1f / 256) > 0.001f / 256) {
      throw new IllegalArgumentException(
          "int8 softmax output must have scale 1/256 and zero point -128, has " + out);
    }
    return SoftmaxParams.fromQuantization(op.beta(), scale(op.input()));
  }

  /** LOG_SOFTMAX (int8 input): the output must be TFLite's fixed scale 16/256, zero point 127. */
  public static LogSoftmaxParams logSoftmax(Op.LogSoftmax op) {
    Quantization out = op.output().quantization();
    if (out.zeroPoint() != LogSoftmaxParams.OUTPUT_ZERO_POINT
        || out.scale() != LogSoftmaxParams.OUTPUT_SCALE) {
      throw new IllegalArgumentException(
          "int8 log_softmax output must have scale 16/256 and zero point 127, has " + out);
    }
    return LogSoftmaxParams.fromQuantization(scale(op.input()));
  }

  /** QUANTIZE int8 to int8: multiplier inputScale / outputScale, both widened to double. */
  public static RequantizeParams requantize(Op.Quantize op) {
    if (op.input().type() != DataType.INT8) {
      throw new IllegalArgumentException(
          "requantize needs an INT8 input, has " + op.input().type());
    }
    QuantizedMultiplier m =
        PrepareFormulas.quantizeMultiplier(
            (double) scale(op.input()) / (double) scale(op.output()));
    return new RequantizeParams(
        zeroPoint(op.input()), zeroPoint(op.output()), m.multiplier(), m.shift());
  }

  /** PAD fills with the output's zero point (the quantised 0.0). */
  public static int padValue(Op.Pad op) {
    return zeroPoint(op.output());
  }

  /** Clamp of the fused activation of a CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED or ADD. */
  public static ActivationRange fusedActivationRange(Op op) {
    if (op instanceof Op.Conv2D c) {
      return activationRange(c.activation(), c.output());
    }
    if (op instanceof Op.DepthwiseConv2D d) {
      return activationRange(d.activation(), d.output());
    }
    if (op instanceof Op.FullyConnected f) {
      return activationRange(f.activation(), f.output());
    }
    if (op instanceof Op.Add a) {
      return activationRange(a.activation(), a.output());
    }
    throw new IllegalArgumentException(
        "layer " + op.index() + " (" + op.opName() + ") has no fused activation to mask");
  }

  private static PoolParams pool(
      Tensor in,
      Tensor out,
      Padding padding,
      int strideH,
      int strideW,
      int filterH,
      int filterW,
      Activation activation) {
    ActivationRange r = activationRange(activation, out);
    return new PoolParams(
        strideH,
        strideW,
        filterH,
        filterW,
        pad(padding, in, 1, filterH, strideH, 1),
        pad(padding, in, 2, filterW, strideW, 1),
        r.min(),
        r.max());
  }

  /**
   * {@code PopulateConvolutionQuantizationParams}: input_scale * filter_scale[c] / output_scale,
   * every factor widened to double.
   */
  private static QuantizedMultiplier[] convolutionMultipliers(
      Tensor input, Tensor filter, Tensor output, int channels) {
    Quantization fq = filter.quantization();
    double[] real = new double[channels];
    for (int c = 0; c < channels; c++) {
      double filterScale = fq.isPerChannel() ? fq.scale(c) : fq.scale();
      real[c] = (double) scale(input) * filterScale / (double) scale(output);
    }
    return PrepareFormulas.quantizeMultipliers(real);
  }

  /** Leading pad along NHWC axis {@code axis} (1 = height, 2 = width). */
  private static int pad(
      Padding padding, Tensor input, int axis, int filter, int stride, int dilation) {
    return PrepareFormulas.padding(padding, input.shape().dim(axis), filter, stride, dilation)
        .pad();
  }

  private static ActivationRange activationRange(Activation activation, Tensor output) {
    return PrepareFormulas.activationRange(activation, scale(output), zeroPoint(output));
  }

  private static float scale(Tensor t) {
    return t.quantization().scale();
  }

  private static int zeroPoint(Tensor t) {
    return t.quantization().zeroPoint();
  }

  private static int[] multipliers(QuantizedMultiplier[] m) {
    return Arrays.stream(m).mapToInt(QuantizedMultiplier::multiplier).toArray();
  }

  private static int[] shifts(QuantizedMultiplier[] m) {
    return Arrays.stream(m).mapToInt(QuantizedMultiplier::shift).toArray();
  }
}
