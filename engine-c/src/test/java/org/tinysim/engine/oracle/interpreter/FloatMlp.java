package org.tinysim.engine.oracle.interpreter;

import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Quantization;

/**
 * Test oracle for chains of FULLY_CONNECTED layers: evaluates them in double precision from the
 * dequantised weights and biases, with no integer arithmetic shared with the interpreter.
 */
final class FloatMlp {

  private FloatMlp() {}

  static double evaluate(Graph graph, double... input) {
    double[] x = input;
    for (Op op : graph.ops()) {
      Op.FullyConnected fc = (Op.FullyConnected) op;
      Quantization wq = fc.weights().quantization();
      byte[] w = fc.weights().data();
      int[] bias = fc.bias().int32Data();
      double biasScale = fc.bias().quantization().scale();
      double[] y = new double[fc.outputDepth()];
      for (int o = 0; o < y.length; o++) {
        double acc = bias[o] * biasScale;
        for (int i = 0; i < x.length; i++) {
          acc += wq.scale() * (w[o * x.length + i] - wq.zeroPoint()) * x[i];
        }
        y[o] = fc.activation() == Activation.RELU ? Math.max(0, acc) : acc;
      }
      x = y;
    }
    return x[0];
  }
}
