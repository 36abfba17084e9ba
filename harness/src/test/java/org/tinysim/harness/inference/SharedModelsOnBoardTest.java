package org.tinysim.harness.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.harness.toolchain.KernelPath;

/**
 * Real models from ../shared compiled to C and run on the board (DSP kernels): each output equals
 * the chained Java reference kernels bit for bit, and the upstream tests' assertions hold.
 */
class SharedModelsOnBoardTest {

  private static Path shared;

  private static Graph model(String relative) {
    shared = SharedModels.shared();
    return TfliteImporter.load(SharedModels.require(shared.resolve("models/" + relative)));
  }

  private static byte[] data(String relative) throws Exception {
    return Files.readAllBytes(SharedModels.require(shared.resolve("data/" + relative)));
  }

  /** Runs inputs on the board, checks them against the oracle, returns the board's outputs. */
  private static byte[][] runChecked(Graph graph, byte[]... inputs) {
    return runChecked(graph, CodegenOptions.defaults(), inputs);
  }

  private static byte[][] runChecked(Graph graph, CodegenOptions options, byte[]... inputs) {
    PreparedGraph prepared = Preparer.prepare(graph);
    CompiledModel compiled = new ModelCompiler(BuildDirs.root())
        .compile(graph, options, KernelPath.DSP);
    byte[][] outputs = new byte[inputs.length][];
    try (ModelRunner runner = ModelRunner.start(compiled)) {
      for (int i = 0; i < inputs.length; i++) {
        InferenceResult r = runner.infer(inputs[i]);
        byte[] expected = GraphOracle.run(prepared, List.of(inputs[i])).get(0);
        assertThat(r.output()).as("%s input %d: %s", compiled.name(), i,
            ReferenceOracle.diff(expected, r.output())).isEqualTo(expected);
        outputs[i] = r.output();
        if (i == 0) {
          System.out.printf("%s%s: flash %d B, peak SRAM %d B, arena %d B (%s), %d cycles = "
                  + "%.3f ms at %d MHz, %d MACs, %.3f MACs/cycle%n", compiled.name(),
              options.inPlace() ? " (in-place depthwise)" : "",
              r.flashBytes(), r.peakSramBytes(), compiled.arenaBytes(), compiled.arenaSizes(),
              r.cycles(), r.milliseconds(), r.coreHz() / 1_000_000, compiled.macs(),
              compiled.macs() / (double) r.cycles());
        }
      }
    }
    return outputs;
  }

  @Test
  void microSpeechHearsYesAndNo() throws Exception {
    Graph g = model("tflite-micro/micro_speech_quantized.tflite");
    byte[][] out = runChecked(g,
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
    byte[][] out = runChecked(g, inputs);
    for (int i = 0; i < xs.length; i++) {
      assertThat(Math.abs((out[i][0] - 5) * 0.00829096 - Math.sin(real[i])))
          .as("sin(%s)", real[i]).isLessThanOrEqualTo(0.05);
    }
  }

  @Test
  void mlperfVisualWakeWordsSeesThePerson() throws Exception {
    Graph g = model("mlperf-tiny/vww_96_int8.tflite");
    byte[][] out = runChecked(g, data("mlperf-tiny/derived_person_96x96x3_int8.bin"),
        data("mlperf-tiny/derived_no_person_96x96x3_int8.bin"));
    assertThat(out[0][1]).isGreaterThan(out[0][0]);
    assertThat(out[1][0]).isGreaterThan(out[1][1]);
  }

  @Test
  void mlperfVisualWakeWordsInPlaceIsExactInASmallerArena() throws Exception {
    Graph g = model("mlperf-tiny/vww_96_int8.tflite");
    byte[][] out = runChecked(g, CodegenOptions.defaults().withInPlace(true),
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
    byte[][] out = runChecked(g, a, b);
    assertThat(out[0]).hasSize(10);
  }

  @Test
  void mcunetVisualWakeWordsWithFloatInputMatchesTheReference() {
    Graph g = model("tinyengine/mcunet_vww_80x80.tflite");
    Random rnd = new Random(5);
    float[] image = new float[80 * 80 * 3];
    for (int i = 0; i < image.length; i++) {
      image[i] = rnd.nextFloat();
    }
    byte[][] out = runChecked(g, ReferenceOracle.bytes(image));
    float[] scores = ReferenceOracle.floats(out[0]);
    assertThat(scores).hasSize(2);
    assertThat(Float.isFinite(scores[0]) && Float.isFinite(scores[1])).isTrue();
  }

  private static int argmax(byte[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
