package org.tinysim.engine.oracle.interpreter;

import java.util.List;
import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;
import org.tinysim.engine.oracle.RequantizeInt8;

/**
 * CONCATENATION viewed as [outer, axisSize_i * inner] blocks. An input whose scale or zero
 * point differs from the output's is first requantised exactly as an int8-to-int8 QUANTIZE
 * would (multiplier inputScale/outputScale, TFLite's Requantize); TFLite itself rejects such
 * int8 graphs, so this is the semantics the generated C must follow.
 */
final class ConcatenationRunner {

  private ConcatenationRunner() {}

  static TensorData run(Op.Concatenation op, PreparedOp prepared, Values v) {
    OpParams.Concatenation p = prepared.params(OpParams.Concatenation.class);
    if (op.activation() != Activation.NONE) {
      throw new IllegalArgumentException("fused activation " + op.activation()
          + " on an int8 concatenation is not supported");
    }
    List<Tensor> inputs = op.inputs();
    byte[][] blocks = new byte[inputs.size()][];
    for (int i = 0; i < blocks.length; i++) {
      byte[] data = v.int8(inputs.get(i));
      if (p.inputScales()[i] != p.outputScale()
          || p.inputZeroPoints()[i] != p.outputZeroPoint()) {
        byte[] rescaled = new byte[data.length];
        RequantizeInt8.run(data, p.inputScales()[i], p.inputZeroPoints()[i], p.outputScale(),
            p.outputZeroPoint(), rescaled);
        data = rescaled;
      }
      blocks[i] = data;
    }
    byte[] out = Shapes.int8Output(op.output());
    int pos = 0;
    for (int o = 0; o < p.outerSize(); o++) {
      for (int i = 0; i < blocks.length; i++) {
        int chunk = p.inputAxisSizes()[i] * p.innerSize();
        System.arraycopy(blocks[i], o * chunk, out, pos, chunk);
        pos += chunk;
      }
    }
    if (pos != out.length) {
      throw new IllegalArgumentException("inputs fill " + pos + " of " + out.length
          + " output elements");
    }
    return TensorData.int8(out);
  }
}
