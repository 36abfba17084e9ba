package org.tinysim.engine.prepare;

import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.ActivationRange;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Padding;
import org.tinysim.engine.ir.Quantization;
import org.tinysim.engine.ir.QuantizedMultiplier;
import org.tinysim.engine.ir.Tensor;

/** Prepare steps of CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED. */
final class ConvPreparer {

  private ConvPreparer() {}

  static OpParams.Conv conv(Op.Conv2D c) {
    int channels = c.filter().shape().dim(0);
    QuantizedMultiplier[] m = perChannel(c.input(), c.filter(), c.output(), channels);
    ActivationRange r = range(c.activation(), c.output());
    PaddingValues p =
        padding(
            c.input(),
            c.padding(),
            c.filter().shape().dim(1),
            c.filter().shape().dim(2),
            c.strideH(),
            c.strideW(),
            c.dilationH(),
            c.dilationW());
    return new OpParams.Conv(
        -zp(c.input()),
        zp(c.output()),
        multipliers(m),
        shifts(m),
        r.min(),
        r.max(),
        c.strideH(),
        c.strideW(),
        c.dilationH(),
        c.dilationW(),
        p.height(),
        p.width(),
        p.heightOffset(),
        p.widthOffset());
  }

  static OpParams.DepthwiseConv depthwise(Op.DepthwiseConv2D d) {
    int channels = d.filter().shape().dim(3);
    QuantizedMultiplier[] m = perChannel(d.input(), d.filter(), d.output(), channels);
    ActivationRange r = range(d.activation(), d.output());
    PaddingValues p =
        padding(
            d.input(),
            d.padding(),
            d.filter().shape().dim(1),
            d.filter().shape().dim(2),
            d.strideH(),
            d.strideW(),
            d.dilationH(),
            d.dilationW());
    return new OpParams.DepthwiseConv(
        -zp(d.input()),
        zp(d.output()),
        multipliers(m),
        shifts(m),
        r.min(),
        r.max(),
        d.strideH(),
        d.strideW(),
        d.dilationH(),
        d.dilationW(),
        p.height(),
        p.width(),
        p.heightOffset(),
        p.widthOffset(),
        d.depthMultiplier());
  }

  static OpParams.FullyConnected fullyConnected(Op.FullyConnected f) {
    int channels = f.outputDepth();
    Quantization wq = f.weights().quantization();
    QuantizedMultiplier[] m;
    if (wq.isPerChannel()) {
      m = perChannel(f.input(), f.weights(), f.output(), channels);
    } else {
      // GetQuantizedConvolutionMultipler: the input*filter product is formed in float.
      float product = f.input().quantization().scale() * wq.scale();
      double real = (double) product / (double) f.output().quantization().scale();
      m = new QuantizedMultiplier[channels];
      java.util.Arrays.fill(m, QuantMath.quantizeMultiplier(real));
    }
    ActivationRange r = range(f.activation(), f.output());
    return new OpParams.FullyConnected(
        -zp(f.input()),
        -wq.zeroPoint(),
        zp(f.output()),
        multipliers(m),
        shifts(m),
        wq.isPerChannel(),
        r.min(),
        r.max(),
        f.batches(),
        f.inputDepth(),
        f.outputDepth());
  }

  /**
   * PopulateConvolutionQuantizationParams: effective scale in double, input_scale * filter_scale[c]
   * / output_scale, with a per-tensor filter scale broadcast.
   */
  static QuantizedMultiplier[] perChannel(
      Tensor input, Tensor filter, Tensor output, int channels) {
    Quantization fq = filter.quantization();
    double inScale = input.quantization().scale();
    double outScale = output.quantization().scale();
    QuantizedMultiplier[] out = new QuantizedMultiplier[channels];
    for (int c = 0; c < channels; c++) {
      double filterScale = fq.isPerChannel() ? fq.scale(c) : fq.scale();
      out[c] = QuantMath.quantizeMultiplier(inScale * filterScale / outScale);
    }
    return out;
  }

  private static PaddingValues padding(
      Tensor input,
      Padding padding,
      int filterH,
      int filterW,
      int strideH,
      int strideW,
      int dilationH,
      int dilationW) {
    return QuantMath.computePadding(
        padding,
        input.shape().dim(1),
        input.shape().dim(2),
        filterH,
        filterW,
        strideH,
        strideW,
        dilationH,
        dilationW);
  }

  static ActivationRange range(Activation act, Tensor output) {
    return QuantMath.activationRange(act, output.quantization().scale(), zp(output));
  }

  static int zp(Tensor t) {
    return t.quantization().zeroPoint();
  }

  private static int[] multipliers(QuantizedMultiplier[] m) {
    int[] out = new int[m.length];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].multiplier();
    }
    return out;
  }

  private static int[] shifts(QuantizedMultiplier[] m) {
    int[] out = new int[m.length];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].shift();
    }
    return out;
  }
}
