package org.tinysim.engine.prepare;

import java.util.List;
import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.ActivationRange;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Padding;
import org.tinysim.engine.ir.QuantizedMultiplier;
import org.tinysim.engine.ir.Shape;
import org.tinysim.engine.ir.Tensor;

/** Prepare steps of ADD, MUL, pools, MEAN, QUANTIZE and CONCATENATION. */
final class ElementwisePreparer {

  /** TFLite's int8 ADD headroom: inputs are shifted left by 20 bits before rescaling. */
  static final int ADD_LEFT_SHIFT = 20;

  private ElementwisePreparer() {}

  static OpParams.Add add(Op.Add a, Preparer.Where where) {
    float s1 = a.input1().quantization().scale();
    float s2 = a.input2().quantization().scale();
    float so = a.output().quantization().scale();
    double twiceMaxInputScale = 2 * (double) Math.max(s1, s2);
    double realInput1 = s1 / twiceMaxInputScale;
    double realInput2 = s2 / twiceMaxInputScale;
    double realOutput = twiceMaxInputScale / ((1 << ADD_LEFT_SHIFT) * (double) so);
    if (!(realOutput < 1)) {
      throw where.unsupported(
          "output rescale "
              + realOutput
              + " >= 1: output scale "
              + so
              + " is too small for input scales "
              + s1
              + " and "
              + s2);
    }
    QuantizedMultiplier m1 = QuantMath.quantizeMultiplierSmallerThanOne(realInput1);
    QuantizedMultiplier m2 = QuantMath.quantizeMultiplierSmallerThanOne(realInput2);
    QuantizedMultiplier mo = QuantMath.quantizeMultiplierSmallerThanOne(realOutput);
    ActivationRange r = ConvPreparer.range(a.activation(), a.output());
    return new OpParams.Add(
        -ConvPreparer.zp(a.input1()),
        -ConvPreparer.zp(a.input2()),
        ConvPreparer.zp(a.output()),
        ADD_LEFT_SHIFT,
        m1.multiplier(),
        m1.shift(),
        m2.multiplier(),
        m2.shift(),
        mo.multiplier(),
        mo.shift(),
        r.min(),
        r.max(),
        !a.input1().shape().equals(a.input2().shape()));
  }

  static OpParams.Mul mul(Op.Mul m) {
    double real =
        (double) m.input1().quantization().scale()
            * (double) m.input2().quantization().scale()
            / (double) m.output().quantization().scale();
    QuantizedMultiplier q = QuantMath.quantizeMultiplier(real);
    ActivationRange r = ConvPreparer.range(m.activation(), m.output());
    return new OpParams.Mul(
        -ConvPreparer.zp(m.input1()),
        -ConvPreparer.zp(m.input2()),
        ConvPreparer.zp(m.output()),
        q.multiplier(),
        q.shift(),
        r.min(),
        r.max(),
        !m.input1().shape().equals(m.input2().shape()));
  }

  static OpParams.Pool pool(
      Tensor in,
      Tensor out,
      Padding padding,
      int strideH,
      int strideW,
      int filterH,
      int filterW,
      Activation act) {
    PaddingValues p =
        QuantMath.computePadding(
            padding,
            in.shape().dim(1),
            in.shape().dim(2),
            filterH,
            filterW,
            strideH,
            strideW,
            1,
            1);
    ActivationRange r = ConvPreparer.range(act, out);
    return new OpParams.Pool(
        strideH, strideW, filterH, filterW, p.height(), p.width(), r.min(), r.max());
  }

  static OpParams.Mean mean(Op.Mean m) {
    float inScale = m.input().quantization().scale();
    float outScale = m.output().quantization().scale();
    QuantizedMultiplier q = QuantMath.quantizeMultiplier((double) inScale / (double) outScale);
    Shape s = m.input().shape();
    long perOutput = 1;
    for (int axis : m.axes()) {
      perOutput *= s.dim(axis);
    }
    return new OpParams.Mean(
        ConvPreparer.zp(m.input()),
        ConvPreparer.zp(m.output()),
        inScale,
        outScale,
        q.multiplier(),
        q.shift(),
        m.axes(),
        m.keepDims(),
        (int) perOutput);
  }

  static OpParams quantize(Op.Quantize q) {
    Tensor in = q.input();
    Tensor out = q.output();
    if (in.type() == DataType.FLOAT32) {
      return new OpParams.Quantize(out.quantization().scale(), ConvPreparer.zp(out));
    }
    double real = (double) in.quantization().scale() / (double) out.quantization().scale();
    QuantizedMultiplier m = QuantMath.quantizeMultiplier(real);
    return new OpParams.Requantize(
        ConvPreparer.zp(in), ConvPreparer.zp(out), m.multiplier(), m.shift());
  }

  static OpParams.Concatenation concatenation(Op.Concatenation c) {
    Shape out = c.output().shape();
    int axis = c.axis();
    int outer = 1;
    for (int i = 0; i < axis; i++) {
      outer *= out.dim(i);
    }
    int inner = 1;
    for (int i = axis + 1; i < out.rank(); i++) {
      inner *= out.dim(i);
    }
    List<Tensor> inputs = c.inputs();
    int[] sizes = new int[inputs.size()];
    float[] scales = new float[inputs.size()];
    int[] zps = new int[inputs.size()];
    float outScale = c.output().quantization().scale();
    int outZp = ConvPreparer.zp(c.output());
    boolean requantize = false;
    for (int i = 0; i < sizes.length; i++) {
      Tensor t = inputs.get(i);
      sizes[i] = t.shape().dim(axis);
      scales[i] = t.quantization().scale();
      zps[i] = ConvPreparer.zp(t);
      requantize |= scales[i] != outScale || zps[i] != outZp;
    }
    return new OpParams.Concatenation(
        axis, outer, inner, sizes, scales, zps, outScale, outZp, requantize);
  }
}
