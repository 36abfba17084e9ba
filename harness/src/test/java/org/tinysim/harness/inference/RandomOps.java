package org.tinysim.harness.inference;

import java.util.Random;
import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Padding;
import org.tinysim.engine.ir.Quantization;
import org.tinysim.engine.ir.Shape;
import org.tinysim.engine.ir.Tensor;

/**
 * Adds randomised single-op branches to a graph: each branch has its own graph input and its output
 * is a graph output, so one firmware checks many ops. Output scales are chosen so typical
 * accumulators land inside the int8 range instead of saturating.
 */
final class RandomOps {

  private final Random rnd;
  private final GraphBuilder g;

  RandomOps(long seed, GraphBuilder g) {
    this.rnd = new Random(seed);
    this.g = g;
  }

  /** Filter and output geometry of a convolution-like op. */
  record Geometry(int kh, int kw, int stride, int dilation, Padding padding) {
    int out(int in, int k) {
      return padding.outputSize(in, k, stride, dilation);
    }
  }

  Tensor conv(
      int h,
      int w,
      int cin,
      int cout,
      Geometry geo,
      boolean perChannel,
      boolean bias,
      Activation act) {
    float inScale = scale();
    Tensor in = g.input("conv_in", Shape.of(1, h, w, cin), inScale, zeroPoint());
    float[] fs = filterScales(perChannel ? cout : 1);
    Tensor filter =
        g.int8Const(
            "conv_filter",
            Shape.of(cout, geo.kh(), geo.kw(), cin),
            weights(cout * geo.kh() * geo.kw() * cin),
            new Quantization(fs, new int[fs.length], 0));
    Tensor b = bias ? bias(cout, inScale, fs) : null;
    Tensor out =
        g.activation(
            "conv_out",
            Shape.of(1, geo.out(h, geo.kh()), geo.out(w, geo.kw()), cout),
            outScale(inScale, fs[0], geo.kh() * geo.kw() * cin),
            zeroPoint());
    g.op(
        new Op.Conv2D(
            g.nextOpIndex(),
            in,
            filter,
            b,
            out,
            geo.padding(),
            geo.stride(),
            geo.stride(),
            geo.dilation(),
            geo.dilation(),
            act));
    return out;
  }

  /**
   * CONV_2D of an existing tensor (per-channel filters with bias); its output is a graph output.
   */
  Tensor convOn(Tensor in, int cout, Geometry geo, Activation act) {
    int cin = in.shape().dim(3);
    float inScale = in.quantization().scale();
    float[] fs = filterScales(cout);
    Tensor filter =
        g.int8Const(
            "conv_filter",
            Shape.of(cout, geo.kh(), geo.kw(), cin),
            weights(cout * geo.kh() * geo.kw() * cin),
            new Quantization(fs, new int[fs.length], 0));
    Tensor out =
        g.activation(
            "conv_out",
            Shape.of(
                1,
                geo.out(in.shape().dim(1), geo.kh()),
                geo.out(in.shape().dim(2), geo.kw()),
                cout),
            outScale(inScale, fs[0], geo.kh() * geo.kw() * cin),
            zeroPoint());
    g.op(
        new Op.Conv2D(
            g.nextOpIndex(),
            in,
            filter,
            bias(cout, inScale, fs),
            out,
            geo.padding(),
            geo.stride(),
            geo.stride(),
            geo.dilation(),
            geo.dilation(),
            act));
    return out;
  }

  Tensor depthwise(int h, int w, int c, int mult, Geometry geo, Activation act) {
    float inScale = scale();
    Tensor in = g.input("dw_in", Shape.of(1, h, w, c), inScale, zeroPoint());
    return depthwiseOn(in, mult, geo, act, true);
  }

  /** Depthwise of an existing tensor (used for in-place chains). */
  Tensor depthwiseOn(Tensor in, int mult, Geometry geo, Activation act, boolean graphOutput) {
    int h = in.shape().dim(1);
    int w = in.shape().dim(2);
    int cout = in.shape().dim(3) * mult;
    float inScale = in.quantization().scale();
    float[] fs = filterScales(cout);
    Tensor filter =
        g.int8Const(
            "dw_filter",
            Shape.of(1, geo.kh(), geo.kw(), cout),
            weights(geo.kh() * geo.kw() * cout),
            new Quantization(fs, new int[cout], 3));
    Tensor out =
        g.activation(
            "dw_out",
            Shape.of(1, geo.out(h, geo.kh()), geo.out(w, geo.kw()), cout),
            outScale(inScale, fs[0], geo.kh() * geo.kw()),
            zeroPoint());
    Op op =
        new Op.DepthwiseConv2D(
            g.nextOpIndex(),
            in,
            filter,
            bias(cout, inScale, fs),
            out,
            geo.padding(),
            geo.stride(),
            geo.stride(),
            geo.dilation(),
            geo.dilation(),
            mult,
            act);
    if (graphOutput) {
      g.op(op);
    } else {
      g.intermediate(op);
    }
    return out;
  }

  Tensor fullyConnected(int batches, int depth, int units, boolean perChannel, Activation act) {
    float inScale = scale();
    Tensor in = g.input("fc_in", Shape.of(batches, depth), inScale, zeroPoint());
    float[] fs = filterScales(perChannel ? units : 1);
    Tensor weights =
        g.int8Const(
            "fc_weights",
            Shape.of(units, depth),
            weights(units * depth),
            new Quantization(fs, new int[fs.length], 0));
    Tensor out =
        g.activation(
            "fc_out", Shape.of(batches, units), outScale(inScale, fs[0], depth), zeroPoint());
    g.op(
        new Op.FullyConnected(
            g.nextOpIndex(), in, weights, bias(units, inScale, fs), out, act, false));
    return out;
  }

  Tensor add(Shape shape, Activation act) {
    Tensor a = g.input("add_a", shape, scale(), zeroPoint());
    Tensor b = g.input("add_b", shape, scale(), zeroPoint());
    float outScale = 2.2f * Math.max(a.quantization().scale(), b.quantization().scale());
    Tensor out = g.activation("add_out", shape, outScale, zeroPoint());
    g.op(new Op.Add(g.nextOpIndex(), a, b, out, act));
    return out;
  }

  Tensor pool(boolean max, int h, int w, int c, int k, int stride, Padding padding) {
    float s = scale();
    int zp = zeroPoint();
    Tensor in = g.input("pool_in", Shape.of(1, h, w, c), s, zp);
    Tensor out =
        g.activation(
            "pool_out",
            Shape.of(
                1, padding.outputSize(h, k, stride, 1), padding.outputSize(w, k, stride, 1), c),
            s,
            zp);
    int i = g.nextOpIndex();
    g.op(
        max
            ? new Op.MaxPool2D(i, in, out, padding, stride, stride, k, k, Activation.NONE)
            : new Op.AveragePool2D(i, in, out, padding, stride, stride, k, k, Activation.NONE));
    return out;
  }

  Tensor mean(int h, int w, int c) {
    float inScale = scale();
    // Means of random bytes cluster near 0: small zero points and a finer output scale keep
    // them inside the int8 range and distinct.
    Tensor in = g.input("mean_in", Shape.of(1, h, w, c), inScale, rnd.nextInt(21) - 10);
    Tensor axes = g.int32Const("mean_axes", new int[] {1, 2}, Quantization.NONE);
    Tensor out = g.activation("mean_out", Shape.of(1, 1, 1, c), inScale / 4, rnd.nextInt(21) - 10);
    g.op(new Op.Mean(g.nextOpIndex(), in, axes, out, new int[] {1, 2}, true));
    return out;
  }

  Tensor pad(int h, int w, int c, int[] before, int[] after) {
    Tensor in = g.input("pad_in", Shape.of(1, h, w, c), scale(), zeroPoint());
    return padOn(in, before, after, true);
  }

  /** PAD of an existing tensor, same quantisation in and out (as TFLite requires). */
  Tensor padOn(Tensor in, int[] before, int[] after, boolean graphOutput) {
    float s = in.quantization().scale();
    int zp = in.quantization().zeroPoint();
    int[] pads = new int[8];
    int[] dims = {1, in.shape().dim(1), in.shape().dim(2), in.shape().dim(3)};
    int[] outDims = new int[4];
    for (int i = 0; i < 4; i++) {
      pads[2 * i] = before[i];
      pads[2 * i + 1] = after[i];
      outDims[i] = dims[i] + before[i] + after[i];
    }
    Tensor paddings = g.int32Const("pad_amounts", pads, Quantization.NONE);
    Tensor out = g.activation("pad_out", Shape.of(outDims), s, zp);
    Op op = new Op.Pad(g.nextOpIndex(), in, paddings, out, before, after);
    if (graphOutput) {
      g.op(op);
    } else {
      g.intermediate(op);
    }
    return out;
  }

  Tensor softmax(int rows, int depth) {
    Tensor in =
        g.input("softmax_in", Shape.of(rows, depth), 0.02f + rnd.nextFloat() * 0.1f, zeroPoint());
    Tensor out = g.activation("softmax_out", Shape.of(rows, depth), 1f / 256, -128);
    g.op(new Op.Softmax(g.nextOpIndex(), in, out, 1.0f));
    return out;
  }

  Tensor logSoftmax(int rows, int depth) {
    Tensor in =
        g.input(
            "log_softmax_in", Shape.of(rows, depth), 0.02f + rnd.nextFloat() * 0.1f, zeroPoint());
    Tensor out = g.activation("log_softmax_out", Shape.of(rows, depth), 16f / 256, 127);
    g.op(new Op.LogSoftmax(g.nextOpIndex(), in, out));
    return out;
  }

  /** float32 LOG_SOFTMAX (lenet's tail), on the random floats of {@link #randomInput}. */
  Tensor floatLogSoftmax(int rows, int depth) {
    Tensor in = g.floatInput("float_log_softmax_in", Shape.of(rows, depth));
    Tensor out = g.floatActivation("float_log_softmax_out", Shape.of(rows, depth));
    g.op(new Op.LogSoftmax(g.nextOpIndex(), in, out));
    return out;
  }

  Tensor transpose(Shape shape, int[] perm) {
    float s = scale();
    int zp = zeroPoint();
    Tensor in = g.input("transpose_in", shape, s, zp);
    int[] outDims = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      outDims[i] = shape.dim(perm[i]);
    }
    Tensor permTensor = g.int32Const("perm", perm, Quantization.NONE);
    Tensor out = g.activation("transpose_out", Shape.of(outDims), s, zp);
    g.op(new Op.Transpose(g.nextOpIndex(), in, permTensor, out, perm));
    return out;
  }

  Tensor requantize(Shape shape) {
    Tensor in = g.input("requant_in", shape, scale(), zeroPoint());
    Tensor out = g.activation("requant_out", shape, scale(), zeroPoint());
    g.op(new Op.Quantize(g.nextOpIndex(), in, out));
    return out;
  }

  Tensor quantizeFloat(Shape shape) {
    Tensor in = g.floatInput("quantize_in", shape);
    Tensor out = g.activation("quantize_out", shape, 0.01f + rnd.nextFloat() * 0.02f, zeroPoint());
    g.op(new Op.Quantize(g.nextOpIndex(), in, out));
    return out;
  }

  Tensor dequantize(Shape shape) {
    Tensor in = g.input("dequantize_in", shape, scale(), zeroPoint());
    Tensor out = g.floatActivation("dequantize_out", shape);
    g.op(new Op.Dequantize(g.nextOpIndex(), in, out));
    return out;
  }

  /** MEAN over the last axis with equal input/output quantisation (a non-NHWC reduction). */
  Tensor meanLastAxis(Shape shape) {
    float s = scale();
    int zp = zeroPoint();
    Tensor in = g.input("mean_last_in", shape, s, zp);
    int[] outDims = java.util.Arrays.copyOf(shape.dims(), shape.rank() - 1);
    Tensor axes = g.int32Const("mean_axes", new int[] {shape.rank() - 1}, Quantization.NONE);
    Tensor out = g.activation("mean_last_out", Shape.of(outDims), s, zp);
    g.op(new Op.Mean(g.nextOpIndex(), in, axes, out, new int[] {shape.rank() - 1}, false));
    return out;
  }

  private float scale() {
    return 0.01f + rnd.nextFloat() * 0.09f;
  }

  /** Any zero point whose offset -zp the kernels accept ([-127, 128]). */
  private int zeroPoint() {
    return rnd.nextInt(256) - 128;
  }

  private float[] filterScales(int n) {
    float[] s = new float[n];
    for (int i = 0; i < n; i++) {
      s[i] = 0.002f + rnd.nextFloat() * 0.02f;
    }
    return s;
  }

  private byte[] weights(int n) {
    byte[] w = new byte[n];
    for (int i = 0; i < n; i++) {
      w[i] = (byte) (rnd.nextInt(255) - 127);
    }
    return w;
  }

  private Tensor bias(int n, float inScale, float[] fs) {
    int[] b = new int[n];
    float[] scales = new float[n];
    for (int i = 0; i < n; i++) {
      b[i] = rnd.nextInt(20001) - 10000;
      scales[i] = inScale * fs[fs.length == 1 ? 0 : i];
    }
    return g.int32Const("bias", b, new Quantization(scales, new int[n], 0));
  }

  /** Output scale giving roughly +-40 LSB for a sum of {@code taps} random products. */
  private float outScale(float inScale, float filterScale, int taps) {
    return (float) (inScale * filterScale * 25 * Math.sqrt(taps) * (0.7 + 0.6 * rnd.nextDouble()));
  }

  /** Random int8 bytes, or little-endian floats in [-1.5, 1.5) for float32 tensors. */
  byte[] randomInput(Tensor t) {
    if (t.type() == org.tinysim.engine.ir.DataType.FLOAT32) {
      float[] values = new float[(int) t.shape().elementCount()];
      for (int i = 0; i < values.length; i++) {
        values[i] = (rnd.nextFloat() - 0.5f) * 3;
      }
      return BoardOracle.bytes(values);
    }
    byte[] data = new byte[(int) t.sizeInBytes()];
    rnd.nextBytes(data);
    return data;
  }
}
