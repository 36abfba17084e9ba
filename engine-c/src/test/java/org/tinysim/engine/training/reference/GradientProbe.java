package org.tinysim.engine.training.reference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.tinysim.engine.dataset.FashionMnist;
import org.tinysim.engine.dataset.LabelledImages;
import org.tinysim.engine.floatnet.FloatBackward;
import org.tinysim.engine.floatnet.FloatForward;
import org.tinysim.engine.floatnet.FloatNetwork;
import org.tinysim.engine.floatnet.Gradients;
import org.tinysim.engine.floatnet.SoftmaxCrossEntropy;
import org.tinysim.engine.floatnet.UpdateMask;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.engine.training.CompileMode;
import org.tinysim.engine.training.TrainStep;
import org.tinysim.engine.training.TrainingCompiler;
import org.tinysim.engine.training.TrainingProgram;
import org.tinysim.engine.training.TrainingSpec;

class GradientProbe {
  @Test
  @EnabledIfSystemProperty(named = "gprobe", matches = ".+")
  void probe() throws Exception {
    Graph g = TfliteImporter.load(Files.readAllBytes(Path.of(System.getProperty("gprobe"))), "m");
    TrainingSpec spec = TrainingSpec.parse("{\"layers\": {\"0\": \"all\", \"1\": \"bias\", \"2\": \"bias\", \"3\": \"bias\", \"4\": \"bias\", \"5\": \"bias\", \"6\": \"bias\", \"7\": \"channels:16\", \"11\": \"all\"}, \"optimizer\": {\"lr\": 0.000001}}", "p");
    TrainingProgram p = TrainingCompiler.compile(Preparer.prepare(g), spec, CompileMode.SPARSE_REORDERED);
    TrainingReference ref = new TrainingReference(p);
    LabelledImages tr = FashionMnist.train();
    FloatNetwork net = FloatTwin.of(g);
    UpdateMask mask = FloatTwin.mask(net, p.updates());
    for (int sample = 0; sample < 3; sample++) {
      byte[] im = tr.image(sample);
      byte[] q = new byte[im.length];
      float[] x = new float[im.length];
      for (int i = 0; i < im.length; i++) {
        int px = 255 - (im[i] & 0xff);
        q[i] = (byte) (px - 128);
        x[i] = px / 255f;
      }
      int label = tr.label(sample);
      ref.step(q, label);
      float[][] t = FloatForward.run(net, x);
      int logits = t.length - 2;
      float[] grad = t[t.length - 1].clone();
      grad[label] -= 1;
      Gradients gr = new Gradients(net);
      FloatBackward.run(net, t, logits, grad, mask, gr);
      for (TrainStep s : p.steps()) {
        if (s instanceof TrainStep.WeightGradient w) {
          float[] mine = ref.lastGradients().get(w.gradWeights());
          float[] theirs = gr.weights(w.op());
          System.out.println("GPROBE sample " + sample + " W op " + w.op() + " cos " + cos(mine, theirs, mine.length) + " |mine| " + norm(mine) + " |float| " + norm(theirs));
        }
        if (s instanceof TrainStep.BiasGradient b) {
          float[] mine = ref.lastGradients().get(b.gradBias());
          float[] theirs = gr.bias(b.op());
          System.out.println("GPROBE sample " + sample + " b op " + b.op() + " cos " + cos(mine, theirs, mine.length) + " |mine| " + norm(mine) + " |float| " + norm(theirs));
        }
      }
    }
  }

  static double norm(float[] a) { double s = 0; for (float v : a) s += v * v; return Math.sqrt(s); }
  static double cos(float[] a, float[] b, int n) { double d = 0, x = 0, y = 0; for (int i = 0; i < n; i++) { d += a[i] * b[i]; x += a[i] * a[i]; y += b[i] * b[i]; } return d / Math.sqrt(x * y + 1e-30); }
}
