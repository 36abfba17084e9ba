package org.tinysim.harness.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Shape;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;
import org.tinysim.engine.reference.AddInt8;
import org.tinysim.engine.reference.AddParams;
import org.tinysim.engine.reference.AveragePool2DInt8;
import org.tinysim.engine.reference.Conv2DInt8;
import org.tinysim.engine.reference.ConvParams;
import org.tinysim.engine.reference.DepthwiseConv2DInt8;
import org.tinysim.engine.reference.DepthwiseConvParams;
import org.tinysim.engine.reference.DequantizeInt8ToFloat;
import org.tinysim.engine.reference.FullyConnectedInt8;
import org.tinysim.engine.reference.LogSoftmaxInt8;
import org.tinysim.engine.reference.LogSoftmaxParams;
import org.tinysim.engine.reference.QuantizeFloatToInt8;
import org.tinysim.engine.reference.RequantizeInt8;
import org.tinysim.engine.reference.TransposeInt8;
import org.tinysim.engine.reference.FullyConnectedParams;
import org.tinysim.engine.reference.MaxPool2DInt8;
import org.tinysim.engine.reference.MeanInt8;
import org.tinysim.engine.reference.MeanParams;
import org.tinysim.engine.reference.PadInt8;
import org.tinysim.engine.reference.PoolParams;
import org.tinysim.engine.reference.Shape4;
import org.tinysim.engine.reference.SoftmaxInt8;
import org.tinysim.engine.reference.SoftmaxParams;

/**
 * Runs one prepared op on the Java reference kernels (org.tinysim.engine.reference), the oracle
 * the board's output must match bit for bit. {@code inputs} are the op's activation inputs.
 */
final class ReferenceOracle {

  private ReferenceOracle() {}

  static byte[] run(PreparedOp pop, List<byte[]> inputs) {
    Op op = pop.op();
    byte[] out = new byte[(int) op.output().sizeInBytes()];
    byte[] in = inputs.get(0);
    if (op instanceof Op.Conv2D c) {
      OpParams.Conv p = pop.params(OpParams.Conv.class);
      Conv2DInt8.run(new ConvParams(p.inputOffset(), p.outputOffset(), p.outputMultiplier(),
              p.outputShift(), p.strideH(), p.strideW(), p.dilationH(), p.dilationW(), p.padH(),
              p.padW(), p.actMin(), p.actMax()), s4(c.input()), in, s4(c.filter()),
          c.filter().data(), bias(c.bias()), s4(c.output()), out);
    } else if (op instanceof Op.DepthwiseConv2D d) {
      OpParams.DepthwiseConv p = pop.params(OpParams.DepthwiseConv.class);
      DepthwiseConv2DInt8.run(new DepthwiseConvParams(p.inputOffset(), p.outputOffset(),
              p.outputMultiplier(), p.outputShift(), p.strideH(), p.strideW(), p.dilationH(),
              p.dilationW(), p.padH(), p.padW(), p.depthMultiplier(), p.actMin(), p.actMax()),
          s4(d.input()), in, s4(d.filter()), d.filter().data(), bias(d.bias()), s4(d.output()),
          out);
    } else if (op instanceof Op.FullyConnected f) {
      OpParams.FullyConnected p = pop.params(OpParams.FullyConnected.class);
      int[] mult = p.perChannel() ? p.outputMultiplier() : new int[] {p.outputMultiplier()[0]};
      int[] shift = p.perChannel() ? p.outputShift() : new int[] {p.outputShift()[0]};
      FullyConnectedInt8.run(new FullyConnectedParams(p.inputOffset(), p.filterOffset(),
              p.outputOffset(), mult, shift, p.actMin(), p.actMax()), p.batches(), in,
          p.outputDepth(), f.weights().data(), bias(f.bias()), out);
    } else if (op instanceof Op.Add) {
      OpParams.Add p = pop.params(OpParams.Add.class);
      AddInt8.run(new AddParams(p.input1Offset(), p.input2Offset(), p.leftShift(),
          p.input1Multiplier(), p.input1Shift(), p.input2Multiplier(), p.input2Shift(),
          p.outputMultiplier(), p.outputShift(), p.outputOffset(), p.actMin(), p.actMax()),
          in, inputs.get(1), out);
    } else if (op instanceof Op.AveragePool2D a) {
      AveragePool2DInt8.run(pool(pop), s4(a.input()), in, s4(a.output()), out);
    } else if (op instanceof Op.MaxPool2D m) {
      MaxPool2DInt8.run(pool(pop), s4(m.input()), in, s4(m.output()), out);
    } else if (op instanceof Op.Mean m) {
      OpParams.Mean p = pop.params(OpParams.Mean.class);
      MeanInt8.run(new MeanParams(p.inputZeroPoint(), p.outputZeroPoint(), p.multiplier(),
          p.shift()), meanView(m), in, out);
    } else if (op instanceof Op.Pad pad) {
      OpParams.Pad p = pop.params(OpParams.Pad.class);
      PadInt8.run(pad.input().shape().dims(), in, p.before(), p.after(), (byte) p.padValue(),
          out);
    } else if (op instanceof Op.Softmax s) {
      OpParams.Softmax p = pop.params(OpParams.Softmax.class);
      SoftmaxInt8.run(new SoftmaxParams(p.inputMultiplier(), p.inputLeftShift(), p.diffMin()),
          s.input().shape().last(), in, out);
    } else if (op instanceof Op.LogSoftmax s) {
      OpParams.LogSoftmax p = pop.params(OpParams.LogSoftmax.class);
      LogSoftmaxInt8.run(new LogSoftmaxParams(p.inputMultiplier(), p.inputLeftShift(),
          p.reverseScalingDivisor(), p.reverseScalingRightShift(), p.diffMin()),
          s.input().shape().last(), in, out);
    } else if (op instanceof Op.Transpose t) {
      TransposeInt8.run(t.input().shape().dims(), in, t.perm(), out);
    } else if (op instanceof Op.Quantize && pop.params() instanceof OpParams.Requantize p) {
      RequantizeInt8.run(in, p.inputZeroPoint(), p.outputZeroPoint(), p.multiplier(), p.shift(),
          out);
    } else if (op instanceof Op.Quantize) {
      OpParams.Quantize p = pop.params(OpParams.Quantize.class);
      QuantizeFloatToInt8.run(floats(in), p.outputScale(), p.outputZeroPoint(), out);
    } else if (op instanceof Op.Dequantize) {
      OpParams.Dequantize p = pop.params(OpParams.Dequantize.class);
      float[] values = new float[in.length];
      DequantizeInt8ToFloat.run(in, p.scale(), p.zeroPoint(), values);
      out = bytes(values);
    } else if (op instanceof Op.Reshape) {
      out = in.clone();
    } else {
      throw new IllegalArgumentException("no reference for " + op.opName());
    }
    return out;
  }

  /** The tsn_mean view: {outer, 1, reduced, inner} (axes [1, 2] of NHWC stay as they are). */
  private static Shape4 meanView(Op.Mean m) {
    int[] dims = m.input().shape().dims();
    int[] axes = m.axes();
    if (dims.length == 4 && Arrays.equals(axes, new int[] {1, 2})) {
      return s4(m.input());
    }
    int outer = 1;
    int reduced = 1;
    int inner = 1;
    for (int d = 0; d < dims.length; d++) {
      if (d < axes[0]) {
        outer *= dims[d];
      } else if (d <= axes[axes.length - 1]) {
        reduced *= dims[d];
      } else {
        inner *= dims[d];
      }
    }
    return new Shape4(outer, 1, reduced, inner);
  }

  static float[] floats(byte[] bytes) {
    float[] out = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  static byte[] bytes(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  private static PoolParams pool(PreparedOp pop) {
    OpParams.Pool p = pop.params(OpParams.Pool.class);
    return new PoolParams(p.strideH(), p.strideW(), p.filterH(), p.filterW(), p.padH(), p.padW(),
        p.actMin(), p.actMax());
  }

  private static Shape4 s4(Tensor t) {
    Shape s = t.shape();
    if (s.rank() != 4) {
      throw new IllegalArgumentException("expected a 4-D tensor, got " + s);
    }
    return new Shape4(s.dim(0), s.dim(1), s.dim(2), s.dim(3));
  }

  private static int[] bias(Tensor t) {
    return t == null ? null : t.int32Data();
  }

  static String diff(byte[] expected, byte[] actual) {
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] != actual[i]) {
        return "first difference at byte " + i + ": expected " + expected[i] + ", board "
            + actual[i] + " (expected " + Arrays.toString(Arrays.copyOf(expected,
            Math.min(16, expected.length))) + "...)";
      }
    }
    return "equal";
  }
}
