package org.tinysim.engine.quantize;

import static org.tinysim.engine.floatnet.Trainer.argmax;
import static org.tinysim.engine.models.Accuracy.argmax;

import java.util.List;
import org.tinysim.engine.floatnet.FloatForward;
import org.tinysim.engine.floatnet.FloatNetwork;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Quantization;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.oracle.interpreter.InterpreterRun;
import org.tinysim.engine.oracle.interpreter.ReferenceInterpreter;
import org.tinysim.engine.oracle.interpreter.TensorData;

/**
 * How closely the int8 model, run by the reference interpreter, follows the float network: per
 * network tensor, the largest |dequantised int8 - float| in steps of that tensor's scale, plus how
 * often both pick the same class.
 */
record Agreement(double[] maxStepError, String[] tensorNames, int sameTopClass, int inputs) {

  static Agreement measure(FloatNetwork net, byte[] tflite, List<float[]> inputs) {
    Graph graph = TfliteImporter.load(tflite, net.name());
    ReferenceInterpreter interp = new ReferenceInterpreter(graph);
    int tensors = net.layers().size() + 1;
    String[] names = new String[tensors];
    Tensor[] int8 = new Tensor[tensors];
    names[0] = "input";
    for (int i = 1; i < tensors; i++) {
      names[i] = net.layers().get(i - 1).name();
    }
    for (int i = 0; i < tensors; i++) {
      String name = names[i];
      int8[i] =
          graph.tensors().stream()
              .filter(t -> t.name().equals(name))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no tensor named " + name));
    }
    double[] worst = new double[tensors];
    int same = 0;
    for (float[] x : inputs) {
      float[][] reference = FloatForward.run(net, x);
      InterpreterRun run = interp.runAll(TensorData.int8(SmallNetworks.toInt8(x)));
      for (int i = 0; i < tensors; i++) {
        Quantization q = int8[i].quantization();
        byte[] codes = run.tensor(int8[i].id()).int8();
        for (int j = 0; j < codes.length; j++) {
          double real = q.scale() * (codes[j] - q.zeroPoint());
          worst[i] = Math.max(worst[i], Math.abs(real - reference[i][j]) / q.scale());
        }
      }
      byte[] out = run.outputs().get(0).int8();
      if (argmax(reference[tensors - 1]) == argmax(out)) {
        same++;
      }
    }
    return new Agreement(worst, names, same, inputs.size());
  }

  double worstStepError() {
    double w = 0;
    for (double e : maxStepError) {
      w = Math.max(w, e);
    }
    return w;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < maxStepError.length; i++) {
      s.append(String.format("%s %.2f; ", tensorNames[i], maxStepError[i]));
    }
    return s + "same top class " + sameTopClass + "/" + inputs;
  }
}
