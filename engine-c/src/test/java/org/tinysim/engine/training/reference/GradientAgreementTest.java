package org.tinysim.engine.training.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.floatnet.FloatBackward;
import org.tinysim.engine.floatnet.FloatForward;
import org.tinysim.engine.floatnet.FloatNetwork;
import org.tinysim.engine.floatnet.Gradients;
import org.tinysim.engine.floatnet.UpdateMask;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.models.FashionModels;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.engine.quantize.PostTrainingQuantizer;
import org.tinysim.engine.training.CompileMode;
import org.tinysim.engine.training.TrainStep;
import org.tinysim.engine.training.TrainingCompiler;
import org.tinysim.engine.training.TrainingProgram;
import org.tinysim.engine.training.TrainingSpec;

/**
 * The int8 training reference computes the gradients of the real-valued network: on a
 * quantised MobileNet, every weight and bias gradient points the same way as the fp32
 * backward of helper floatnet (an independent implementation) on the dequantised twin, and has
 * about the same size. Catches sign, scale, layout and masking errors in the backward kernels.
 */
class GradientAgreementTest {

  /** stem (3x3 conv, weights), every bias, expand/project (1x1) and the head in full. */
  private static final String LAYERS = "{\"0\": \"all\", \"1\": \"bias\", \"2\": \"bias\", "
      + "\"3\": \"bias\", \"4\": \"bias\", \"5\": \"all\", \"6\": \"all\", \"7\": \"all\", "
      + "\"10\": \"all\"}";

  @Test
  void int8GradientsAgreeWithTheFp32BackwardOfTheTwin() {
    Random random = new Random(3);
    FloatNetwork trained = FashionModels.mobilenet(5);
    List<float[]> calibration = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calibration.add(image(random));
    }
    Graph graph = TfliteImporter.load(PostTrainingQuantizer.quantize(trained, calibration),
        "mobilenet.tflite");
    TrainingProgram program = TrainingCompiler.compile(Preparer.prepare(graph),
        TrainingSpec.parse("{\"layers\": " + LAYERS + ", \"optimizer\": {\"lr\": 1e-9}}",
            "agreement.json"), CompileMode.SPARSE_REORDERED);
    TrainingReference reference = new TrainingReference(program);
    FloatNetwork twin = FloatTwin.of(graph);
    UpdateMask mask = FloatTwin.mask(twin, program.updates());
    for (int sample = 0; sample < 3; sample++) {
      float[] x = image(random);
      byte[] q = new byte[x.length];
      for (int i = 0; i < x.length; i++) {
        q[i] = (byte) (Math.round(x[i] * 255) - 128);
        x[i] = (q[i] + 128) / 255f;
      }
      int label = sample * 3;
      reference.step(q, label);
      float[][] t = FloatForward.run(twin, x);
      float[] grad = t[t.length - 1].clone();
      grad[label] -= 1;
      Gradients g = new Gradients(twin);
      FloatBackward.run(twin, t, t.length - 2, grad, mask, g);
      for (TrainStep s : program.steps()) {
        if (s instanceof TrainStep.WeightGradient w) {
          agree(reference.lastGradients().get(w.gradWeights()), g.weights(w.op()),
              "weights of layer " + w.op() + ", sample " + sample);
        } else if (s instanceof TrainStep.BiasGradient b) {
          agree(reference.lastGradients().get(b.gradBias()), g.bias(b.op()),
              "bias of layer " + b.op() + ", sample " + sample);
        }
      }
    }
  }

  /** A smooth random image in [0, 1] (blobs, so convolutions see structure). */
  private static float[] image(Random random) {
    float[] x = new float[28 * 28];
    double cx = 6 + random.nextInt(16);
    double cy = 6 + random.nextInt(16);
    double r = 4 + random.nextInt(8);
    for (int y = 0; y < 28; y++) {
      for (int i = 0; i < 28; i++) {
        double d = Math.hypot(i - cx, y - cy);
        x[y * 28 + i] = (float) Math.max(0, Math.min(1, 1.2 - d / r + 0.1 * random.nextGaussian()));
      }
    }
    return x;
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
    assertTrue(cosine > 0.9 && ratio > 0.7 && ratio < 1.4, what + ": int8 gradient vs fp32 "
        + "cosine " + cosine + ", norm ratio " + ratio);
  }
}
