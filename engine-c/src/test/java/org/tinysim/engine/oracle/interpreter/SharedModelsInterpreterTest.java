package org.tinysim.engine.oracle.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tinysim.engine.floatnet.Trainer.argmax;
import static org.tinysim.engine.models.Accuracy.argmax;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.Quantization;
import org.tinysim.engine.ir.Tensor;

/**
 * Runs the real models of ../shared on their real inputs and checks the upstream assertions (and,
 * where SOURCES.md quotes them, the independent reference outputs). Prints each model's interpreter
 * time. Skipped when ../shared is absent.
 */
class SharedModelsInterpreterTest {

  @Test
  void personDetectSeparatesPersonFromNoPerson() {
    ReferenceInterpreter interp = load("tflite-micro/person_detect.tflite");
    byte[] person = run(interp, "tflite-micro/person_96x96x1_int8.bin");
    byte[] noPerson = run(interp, "tflite-micro/no_person_96x96x1_int8.bin");
    // person_detection_test.cc: index 1 = person, 0 = no person.
    assertThat(person[1]).isGreaterThan(person[0]);
    assertThat(noPerson[0]).isGreaterThan(noPerson[1]);
    // Independent numpy reference (SOURCES.md, +-1 LSB): [-113, 113] and [57, -57].
    assertWithinOne(person, -113, 113);
    assertWithinOne(noPerson, 57, -57);
  }

  @Test
  void microSpeechRecognisesYesAndNo() {
    ReferenceInterpreter interp = load("tflite-micro/micro_speech_quantized.tflite");
    byte[] yes = run(interp, "tflite-micro/micro_speech_yes_f2e59fea_nohash_1_49x40_int8.bin");
    byte[] no = run(interp, "tflite-micro/micro_speech_no_f9643d42_nohash_4_49x40_int8.bin");
    // Labels silence, unknown, yes, no; the upstream test asserts a strict maximum.
    assertThat(strictArgmax(yes)).isEqualTo(2);
    assertThat(strictArgmax(no)).isEqualTo(3);
    assertWithinOne(yes, -128, -128, 127, -128);
    assertWithinOne(no, -128, -114, -128, 114);
  }

  @Test
  void helloWorldFollowsSine() {
    ReferenceInterpreter interp = load("tflite-micro/hello_world_int8.tflite");
    Quantization in = interp.graph().inputs().get(0).quantization();
    Quantization out = interp.graph().outputs().get(0).quantization();
    // hello_world_test.cc points; independent reference outputs {89, 125, 93, 4}.
    byte[] upstream = {-96, -63, -34, 0};
    float[] xs = {0.77f, 1.57f, 2.3f, 3.14f};
    byte[] expected = {89, 125, 93, 4};
    for (int i = 0; i < upstream.length; i++) {
      byte y = interp.run(TensorData.int8(new byte[] {upstream[i]})).get(0).int8()[0];
      assertThat(y).as("x=%s", xs[i]).isBetween((byte) (expected[i] - 1), (byte) (expected[i] + 1));
      assertThat(out.scale() * (y - out.zeroPoint()))
          .isCloseTo((float) Math.sin(xs[i]), within(0.05f));
    }
    // Over the whole period the quantised model itself is the limit: compare it with the
    // same network evaluated in float from the dequantised weights (independent float math).
    double worstSine = 0;
    double worstFloat = 0;
    for (int k = 0; k <= 64; k++) {
      double x = 2 * Math.PI * k / 64;
      byte q = (byte) Math.max(-128, Math.min(127, Math.round(x / in.scale()) + in.zeroPoint()));
      byte y = interp.run(TensorData.int8(new byte[] {q})).get(0).int8()[0];
      double xq = in.scale() * (q - in.zeroPoint());
      double yq = out.scale() * (y - out.zeroPoint());
      worstSine = Math.max(worstSine, Math.abs(yq - Math.sin(xq)));
      worstFloat = Math.max(worstFloat, Math.abs(yq - FloatMlp.evaluate(interp.graph(), xq)));
    }
    System.out.printf("hello_world: %s%n", timing(interp, TensorData.int8(new byte[1])));
    System.out.printf(
        "hello_world over 65 points in [0, 2pi]: worst |y - sin x| = %.4f, "
            + "worst |y - float model| = %.4f (output LSB %.4f)%n",
        worstSine, worstFloat, out.scale());
    assertThat(worstFloat).isLessThanOrEqualTo(4 * out.scale());
    // The trained model is only a rough sine: measured 0.1005 at its worst grid point.
    assertThat(worstSine).isLessThanOrEqualTo(0.11);
  }

  @Test
  void vwwMatchesIndependentReferenceExactly() {
    ReferenceInterpreter interp = load("mlperf-tiny/vww_96_int8.tflite");
    byte[] person = run(interp, "mlperf-tiny/derived_person_96x96x3_int8.bin");
    byte[] noPerson = run(interp, "mlperf-tiny/derived_no_person_96x96x3_int8.bin");
    assertThat(person).containsExactly(-95, 95);
    assertThat(noPerson).containsExactly(98, -98);
  }

  @Test
  void lenetClassifiesTheTinyEngineDigits() {
    ReferenceInterpreter interp = load("tinyengine/ptq_mnist_lenet-300-100.tflite");
    byte[] images = SharedFiles.bytes(SharedFiles.data("tinyengine/mnist_demo_25x28x28_int8.bin"));
    List<Integer> labels = labels("tinyengine/mnist_demo_labels.csv");
    int correct = 0;
    long nanos = 0;
    for (int i = 0; i < labels.size(); i++) {
      byte[] image = Arrays.copyOfRange(images, 784 * i, 784 * (i + 1));
      // SOURCES.md: float pixel/255 quantises to exactly the int8 = pixel - 128 bytes.
      float[] pixels = new float[784];
      for (int j = 0; j < 784; j++) {
        pixels[j] = (image[j] + 128) / 255f;
      }
      long start = System.nanoTime();
      InterpreterRun run = interp.runAll(TensorData.float32(pixels));
      nanos += System.nanoTime() - start;
      assertThat(run.layer(0).output().int8()).as("QUANTIZE of image %d", i).isEqualTo(image);
      float[] logProbs = run.output(0).float32();
      double total = 0;
      for (float lp : logProbs) {
        total += Math.exp(lp);
      }
      assertThat(total).isCloseTo(1.0, within(1e-5));
      if (argmax(logProbs) == labels.get(i)) {
        correct++;
      }
    }
    System.out.printf(
        "ptq_mnist_lenet-300-100: %d/%d correct (first pass %.2f ms per image), " + "%s%n",
        correct,
        labels.size(),
        nanos / 1e6 / labels.size(),
        timing(interp, TensorData.float32(new float[784])));
    assertThat(correct).isEqualTo(25);
  }

  @Test
  void mcunetRunsOnADownscaledImage() {
    ReferenceInterpreter interp = load("tinyengine/mcunet_vww_80x80.tflite");
    // No inputs ship with this model: the derived person image (int8 = pixel - 128), resized
    // nearest-neighbour to 80x80 and mapped to the model's float range of about [-1, 1].
    byte[] gray =
        SharedFiles.bytes(SharedFiles.data("mlperf-tiny/derived_person_96x96x3_int8.bin"));
    float[] input = new float[80 * 80 * 3];
    for (int y = 0; y < 80; y++) {
      for (int x = 0; x < 80; x++) {
        for (int c = 0; c < 3; c++) {
          int src = ((y * 96 / 80) * 96 + x * 96 / 80) * 3 + c;
          input[(y * 80 + x) * 3 + c] = (gray[src] + 128) / 255f * 2 - 1; // about [-1, 1]
        }
      }
    }
    InterpreterRun run = interp.runAll(TensorData.float32(input));
    float[] out = run.output(0).float32();
    Tensor logits = interp.graph().ops().get(61).output();
    System.out.printf(
        "mcunet_vww_80x80: output %s, %s%n",
        Arrays.toString(out), timing(interp, TensorData.float32(input)));
    assertThat(run.layers()).hasSize(63);
    for (int i = 0; i < out.length; i++) {
      assertThat(out[i]).isFinite();
      // The float output is exactly the dequantised int8 logit.
      float q = run.tensor(logits.id()).int8()[i];
      assertThat(out[i])
          .isEqualTo(logits.quantization().scale() * (q - logits.quantization().zeroPoint()));
    }
    assertThat(out[0]).isNotEqualTo(out[1]);
  }

  @Test
  void resnetProducesADistribution() {
    ReferenceInterpreter interp = load("mlperf-tiny/pretrainedResnet_quant.tflite");
    // No CIFAR image ships here: take every third pixel of the derived person image, whose
    // int8 = pixel - 128 is also this model's input encoding (scale 1, zp -128).
    byte[] gray =
        SharedFiles.bytes(SharedFiles.data("mlperf-tiny/derived_person_96x96x3_int8.bin"));
    byte[] image = new byte[32 * 32 * 3];
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        for (int c = 0; c < 3; c++) {
          image[(y * 32 + x) * 3 + c] = gray[((y * 3) * 96 + x * 3) * 3 + c];
        }
      }
    }
    byte[] probs = interp.run(TensorData.int8(image)).get(0).int8();
    System.out.printf(
        "pretrainedResnet_quant: output %s, %s%n",
        Arrays.toString(probs), timing(interp, TensorData.int8(image)));
    int sum = 0;
    for (byte p : probs) {
      sum += p + 128; // probability * 256
    }
    // Softmax outputs are rounded individually: the total stays within a few LSB of 256.
    assertThat(sum).isBetween(256 - 10, 256 + 10);
  }

  // ---- helpers ---------------------------------------------------------------------------

  private static ReferenceInterpreter load(String model) {
    long start = System.nanoTime();
    ReferenceInterpreter interp = ReferenceInterpreter.load(SharedFiles.model(model));
    System.out.printf("%s: import+prepare %.1f ms%n", model, (System.nanoTime() - start) / 1e6);
    return interp;
  }

  private static byte[] run(ReferenceInterpreter interp, String data) {
    TensorData input = TensorData.int8(SharedFiles.bytes(SharedFiles.data(data)));
    byte[] out = interp.run(input).get(0).int8();
    System.out.printf(
        "%s on %s: %s, %s%n",
        interp.graph().source(), data, Arrays.toString(out), timing(interp, input));
    return out;
  }

  /** Median wall time of 5 runs after 3 warm-up runs (JIT), for the report. */
  static String timing(ReferenceInterpreter interp, TensorData input) {
    for (int i = 0; i < 3; i++) {
      interp.run(input);
    }
    long[] nanos = new long[5];
    for (int i = 0; i < nanos.length; i++) {
      long start = System.nanoTime();
      interp.run(input);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return String.format("median %.2f ms per inference", nanos[2] / 1e6);
  }

  private static void assertWithinOne(byte[] actual, int... expected) {
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat((int) actual[i])
          .as("element %d of %s", i, Arrays.toString(actual))
          .isBetween(expected[i] - 1, expected[i] + 1);
    }
  }

  private static int strictArgmax(byte[] v) {
    int best = argmax(v);
    for (int i = 0; i < v.length; i++) {
      assertThat(i == best || v[i] < v[best])
          .as("strict maximum in %s", Arrays.toString(v))
          .isTrue();
    }
    return best;
  }

  private static List<Integer> labels(String csv) {
    String text = new String(SharedFiles.bytes(SharedFiles.data(csv)), StandardCharsets.US_ASCII);
    return text.lines()
        .map(String::trim)
        .filter(l -> !l.isEmpty() && Character.isDigit(l.charAt(0)))
        .map(l -> Integer.parseInt(l.split(",")[1].trim()))
        .toList();
  }
}
