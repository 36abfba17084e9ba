package org.tinysim.engine.oracle.training;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.dataset.FashionMnist;
import org.tinysim.engine.dataset.LabelledImages;
import org.tinysim.engine.floatnet.FloatBackward;
import org.tinysim.engine.floatnet.FloatForward;
import org.tinysim.engine.floatnet.FloatNetwork;
import org.tinysim.engine.floatnet.Gradients;
import org.tinysim.engine.floatnet.UpdateMask;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.engine.training.CompileMode;
import org.tinysim.engine.training.TrainStep;
import org.tinysim.engine.training.TrainingCompiler;
import org.tinysim.engine.training.TrainingProgram;
import org.tinysim.engine.training.TrainingSpec;

/**
 * The int8 training reference computes the gradients of the real-valued network: on the bundled
 * int8 MobileNet and inverted Fashion-MNIST test images (the demo's domain, where the model is
 * wrong and the loss gradient is far from the int8 softmax's 1/256 resolution), every weight and
 * bias gradient points the same way as the fp32 backward of helper floatnet (an independent
 * implementation) on the dequantised twin, and has about the same size. Catches sign, scale, layout
 * and masking errors in the backward kernels.
 */
class GradientAgreementTest {

  /** stem (3x3 conv, weights), every bias, expand/project (1x1) and the head in full. */
  private static final String LAYERS =
      "{\"0\": \"all\", \"1\": \"bias\", \"2\": \"bias\", "
          + "\"3\": \"bias\", \"4\": \"bias\", \"5\": \"all\", \"6\": \"all\", \"7\": \"all\", "
          + "\"10\": \"all\"}";

  @Test
  void int8GradientsAgreeWithTheFp32BackwardOfTheTwin() {
    String root = System.getProperty("tinysim.repoRoot", "..");
    Path model = Path.of(root, "models", "fashion_mobilenet.tflite");
    assumeTrue(Files.isRegularFile(model), "bundled model " + model + " is missing");
    assumeTrue(FashionMnist.isInstalled(), "Fashion-MNIST is not installed");
    LabelledImages images = FashionMnist.test();
    Graph graph = TfliteImporter.load(model);
    TrainingProgram program =
        TrainingCompiler.compile(
            Preparer.prepare(graph),
            TrainingSpec.parse(
                "{\"layers\": " + LAYERS + ", \"optimizer\": {\"lr\": 1e-9}}", "agreement.json"),
            CompileMode.SPARSE_REORDERED);
    TrainingReference reference = new TrainingReference(program);
    FloatNetwork twin = FloatTwin.of(graph);
    UpdateMask mask = FloatTwin.mask(twin, program.updates());
    for (int sample = 0; sample < 3; sample++) {
      byte[] pixels = images.image(sample);
      byte[] q = new byte[pixels.length];
      float[] x = new float[pixels.length];
      for (int i = 0; i < x.length; i++) {
        int inverted = 255 - (pixels[i] & 0xff);
        q[i] = (byte) (inverted - 128);
        x[i] = inverted / 255f;
      }
      int label = images.label(sample);
      reference.step(q, label);
      float[][] t = FloatForward.run(twin, x);
      float[] grad = t[t.length - 1].clone();
      grad[label] -= 1;
      Gradients g = new Gradients(twin);
      FloatBackward.run(twin, t, t.length - 2, grad, mask, g);
      for (TrainStep s : program.steps()) {
        if (s instanceof TrainStep.WeightGradient w) {
          agree(
              reference.lastGradients().get(w.gradWeights()),
              g.weights(w.op()),
              "weights of layer " + w.op() + ", sample " + sample);
        } else if (s instanceof TrainStep.BiasGradient b) {
          agree(
              reference.lastGradients().get(b.gradBias()),
              g.bias(b.op()),
              "bias of layer " + b.op() + ", sample " + sample);
        }
      }
    }
  }

  private static void agree(float[] int8, float[] fp32, String what) {
    double dot = 0;
    double a = 0;
    double b = 0;
    for (int i = 0; i < fp32.length; i++) {
      dot += int8[i] * fp32[i];
      a += int8[i] * int8[i];
      b += fp32[i] * fp32[i];
    }
    double cosine = dot / Math.sqrt(a * b + 1e-30);
    double ratio = Math.sqrt(a / (b + 1e-30));
    assertTrue(
        cosine > 0.8 && ratio > 0.6 && ratio < 1.6,
        what + ": int8 gradient vs fp32 " + "cosine " + cosine + ", norm ratio " + ratio);
  }
}
