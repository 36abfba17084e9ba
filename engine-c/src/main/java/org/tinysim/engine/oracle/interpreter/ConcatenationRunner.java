package org.tinysim.engine.oracle.interpreter;

import java.util.List;
import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Quantization;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.oracle.RequantizeInt8;

/**
 * CONCATENATION viewed as [outer, axisSize_i * inner] blocks. An input whose scale or zero point
 * differs from the output's is first requantised exactly as an int8-to-int8 QUANTIZE would
 * (multiplier inputScale/outputScale, TFLite's Requantize); TFLite itself rejects such int8 graphs,
 * so this is the semantics the generated C must follow.
 */
final class ConcatenationRunner {

  private ConcatenationRunner() {}

  static TensorData run(Op.Concatenation op, Values v) {
    if (op.activation() != Activation.NONE) {
      throw new IllegalArgumentException(
          "fused activation " + op.activation() + " on an int8 concatenation is not supported");
    }
    Quantization outQ = op.output().quantization();
    List<Tensor> inputs = op.inputs();
    byte[][] blocks = new byte[inputs.size()][];
    for (int i = 0; i < blocks.length; i++) {
      byte[] data = v.int8(inputs.get(i));
      Quantization inQ = inputs.get(i).quantization();
      if (inQ.scale() != outQ.scale() || inQ.zeroPoint() != outQ.zeroPoint()) {
        byte[] rescaled = new byte[data.length];
        RequantizeInt8.run(
            data, inQ.scale(), inQ.zeroPoint(), outQ.scale(), outQ.zeroPoint(), rescaled);
        data = rescaled;
      }
      blocks[i] = data;
    }
    int[] outDims = op.output().shape().dims();
    int outer = product(outDims, 0, op.axis());
    int inner = product(outDims, op.axis() + 1, outDims.length);
    byte[] out = Shapes.int8Output(op.output());
    int pos = 0;
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < blocks.length; i++) {
        int chunk = inputs.get(i).shape().dim(op.axis()) * inner;
        System.arraycopy(blocks[i], o * chunk, out, pos, chunk);
        pos += chunk;
      }
    }
    if (pos != out.length) {
      throw new IllegalArgumentException(
          "inputs fill " + pos + " of " + out.length + " output elements");
    }
    return TensorData.int8(out);
  }

  private static int product(int[] dims, int from, int to) {
    int p = 1;
    for (int i = from; i < to; i++) {
      p *= dims[i];
    }
    return p;
  }
}
