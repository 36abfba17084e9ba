package org.tinysim.harness.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tinysim.engine.floatnet.Trainer.argmax;
import static org.tinysim.engine.models.Accuracy.argmax;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.harness.toolchain.KernelPath;

/**
 * Real models from ../shared compiled to C (DSP kernels, one build each) and run on the board: each
 * output equals the ReferenceInterpreter's, the model fits the F746, the upstream tests' assertions
 * hold, and a row goes into target/shared-models-report.md. (person_detect lives in {@link
 * PersonDetectTest}, which also covers the portable kernels.)
 */
class SharedModelsOnBoardTest {

  /**
   * lenet's float32 LOG_SOFTMAX runs expf/logf on the board but double exp/log rounded to float in
   * the interpreter: outputs agree to an ulp or so of values below ~20, far under 1e-4. One int8
   * step of its logits (scale 0.5) would move them by ~0.5, so this also pins the int8 layers
   * before it to bit-exactness.
   */
  private static final double FLOAT_TAIL_TOLERANCE = 1e-4;

  private static Path shared;

  private static Graph model(String relative) {
    shared = SharedModels.shared();
    return TfliteImporter.load(SharedModels.require(shared.resolve("models/" + relative)));
  }

  private static byte[] data(String relative) throws Exception {
    return Files.readAllBytes(SharedModels.require(shared.resolve("data/" + relative)));
  }

  private static byte[][] runChecked(String name, Graph graph, byte[]... inputs) {
    return runChecked(name, graph, CodegenOptions.defaults(), 0, inputs);
  }

  /** Board outputs (first graph output) of each input, checked by {@link BoardCheck}. */
  private static byte[][] runChecked(
      String name, Graph graph, CodegenOptions options, double floatTolerance, byte[]... inputs) {
    return BoardCheck.run(
            name, graph, options, KernelPath.DSP, floatTolerance, Arrays.asList(inputs))
        .stream()
        .map(InferenceResult::output)
        .toArray(byte[][]::new);
  }

  @Test
  void microSpeechHearsYesAndNo() throws Exception {
    Graph g = model("tflite-micro/micro_speech_quantized.tflite");
    byte[][] out =
        runChecked(
            "micro_speech_quantized",
            g,
            data("tflite-micro/micro_speech_yes_f2e59fea_nohash_1_49x40_int8.bin"),
            data("tflite-micro/micro_speech_no_f9643d42_nohash_4_49x40_int8.bin"));
    assertThat(argmax(out[0])).as("yes " + Arrays.toString(out[0])).isEqualTo(2);
    assertThat(argmax(out[1])).as("no " + Arrays.toString(out[1])).isEqualTo(3);
  }

  @Test
  void helloWorldApproximatesSine() {
    Graph g = model("tflite-micro/hello_world_int8.tflite");
    byte[] xs = {-96, -63, -34, 0};
    double[] real = {0.77, 1.57, 2.3, 3.14};
    byte[][] inputs = new byte[xs.length][];
    for (int i = 0; i < xs.length; i++) {
      inputs[i] = new byte[] {xs[i]};
    }
    byte[][] out = runChecked("hello_world_int8", g, inputs);
    for (int i = 0; i < xs.length; i++) {
      assertThat(Math.abs((out[i][0] - 5) * 0.00829096 - Math.sin(real[i])))
          .as("sin(%s)", real[i])
          .isLessThanOrEqualTo(0.05);
    }
  }

  @Test
  void mlperfVisualWakeWordsSeesThePerson() throws Exception {
    Graph g = model("mlperf-tiny/vww_96_int8.tflite");
    byte[][] out =
        runChecked(
            "vww_96_int8",
            g,
            data("mlperf-tiny/derived_person_96x96x3_int8.bin"),
            data("mlperf-tiny/derived_no_person_96x96x3_int8.bin"));
    assertThat(out[0][1]).isGreaterThan(out[0][0]);
    assertThat(out[1][0]).isGreaterThan(out[1][1]);
  }

  @Test
  void mlperfVisualWakeWordsInPlaceIsExactInASmallerArena() throws Exception {
    Graph g = model("mlperf-tiny/vww_96_int8.tflite");
    byte[][] out =
        runChecked(
            "vww_96_int8",
            g,
            CodegenOptions.defaults().withInPlace(true),
            0,
            data("mlperf-tiny/derived_person_96x96x3_int8.bin"));
    assertThat(out[0][1]).isGreaterThan(out[0][0]);
  }

  @Test
  void mlperfResnetMatchesTheReferenceOnRandomImages() {
    Graph g = model("mlperf-tiny/pretrainedResnet_quant.tflite");
    Random rnd = new Random(3);
    byte[] a = new byte[32 * 32 * 3];
    byte[] b = new byte[32 * 32 * 3];
    rnd.nextBytes(a);
    rnd.nextBytes(b);
    byte[][] out = runChecked("pretrainedResnet_quant", g, a, b);
    assertThat(out[0]).hasSize(10);
  }

  @Test
  void mcunetVisualWakeWordsOnTheResizedPersonImageMatchesTheReference() throws Exception {
    Graph g = model("tinyengine/mcunet_vww_80x80.tflite");
    // No inputs ship with this model: the derived person image (int8 = pixel - 128), resized
    // nearest-neighbour to 80x80 and mapped to about [-1, 1], as the interpreter's test does.
    byte[] person = data("mlperf-tiny/derived_person_96x96x3_int8.bin");
    float[] image = new float[80 * 80 * 3];
    for (int y = 0; y < 80; y++) {
      for (int x = 0; x < 80; x++) {
        for (int c = 0; c < 3; c++) {
          int src = ((y * 96 / 80) * 96 + x * 96 / 80) * 3 + c;
          image[(y * 80 + x) * 3 + c] = (person[src] + 128) / 255f * 2 - 1;
        }
      }
    }
    byte[][] out = runChecked("mcunet_vww_80x80", g, BoardOracle.bytes(image));
    float[] scores = BoardOracle.floats(out[0]);
    assertThat(scores).hasSize(2);
    assertThat(Float.isFinite(scores[0]) && Float.isFinite(scores[1])).isTrue();
  }

  @Test
  void lenetClassifiesTheTinyEngineDigits() throws Exception {
    Graph g = model("tinyengine/ptq_mnist_lenet-300-100.tflite");
    byte[] images = data("tinyengine/mnist_demo_25x28x28_int8.bin");
    List<Integer> labels =
        Files.readAllLines(
                SharedModels.require(shared.resolve("data/tinyengine/mnist_demo_labels.csv")))
            .stream()
            .filter(l -> !l.isBlank() && Character.isDigit(l.charAt(0)))
            .map(l -> Integer.parseInt(l.split(",")[1].trim()))
            .toList();
    assertThat(labels).hasSize(25);
    List<byte[]> inputs = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      // SOURCES.md: the int8 bytes are pixel - 128; the model takes float pixel / 255.
      float[] pixels = new float[784];
      for (int j = 0; j < 784; j++) {
        pixels[j] = (images[784 * i + j] + 128) / 255f;
      }
      inputs.add(BoardOracle.bytes(pixels));
    }
    byte[][] out =
        runChecked(
            "ptq_mnist_lenet-300-100",
            g,
            CodegenOptions.defaults(),
            FLOAT_TAIL_TOLERANCE,
            inputs.toArray(byte[][]::new));
    int correct = 0;
    for (int i = 0; i < labels.size(); i++) {
      float[] logProbs = BoardOracle.floats(out[i]);
      double total = Arrays.stream(toDoubles(logProbs)).map(Math::exp).sum();
      assertThat(total)
          .as("image %d: probabilities sum to 1", i)
          .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
      correct += argmax(logProbs) == labels.get(i) ? 1 : 0;
    }
    System.out.printf(
        "ptq_mnist_lenet-300-100 on the board: %d/%d digits correct%n", correct, labels.size());
    assertThat(correct).isEqualTo(25);
  }

  private static double[] toDoubles(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }
}
