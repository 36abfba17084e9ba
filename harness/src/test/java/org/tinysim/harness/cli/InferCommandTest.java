package org.tinysim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.oracle.interpreter.ReferenceInterpreter;
import org.tinysim.engine.oracle.interpreter.TensorData;

@SuppressWarnings("unchecked")
class InferCommandTest {

  private static final String BUILD = CliRun.buildRoot().toString();

  @TempDir Path tmp;

  private Path model() throws IOException {
    return Files.write(tmp.resolve("fc.tflite"), TinyModels.fullyConnected());
  }

  private static List<Long> reference(Path model, byte[] input) {
    byte[] out =
        new ReferenceInterpreter(TfliteImporter.load(model))
            .run(TensorData.int8(input))
            .get(0)
            .int8();
    List<Long> values = new ArrayList<>();
    for (byte b : out) {
      values.add((long) b);
    }
    return values;
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void consecutiveInputsMatchTheJavaReference() throws IOException {
    Path model = model();
    byte[] all = random(3 * TinyModels.IN, 7);
    Path inputs = Files.write(tmp.resolve("in.bin"), all);
    CliRun r =
        CliRun.of(
            "infer",
            model.toString(),
            "--inputs",
            inputs.toString(),
            "--count",
            "3",
            "--json",
            "--top-k",
            "2",
            "--build-dir",
            BUILD);
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, Object> json = (Map<String, Object>) r.json();
    List<Map<String, Object>> runs = (List<Map<String, Object>>) json.get("inferences");
    assertThat(runs).hasSize(3);
    for (int n = 0; n < 3; n++) {
      byte[] input = java.util.Arrays.copyOfRange(all, n * TinyModels.IN, (n + 1) * TinyModels.IN);
      Map<String, Object> out = ((List<Map<String, Object>>) runs.get(n).get("outputs")).get(0);
      assertThat(out.get("int8")).as("input %d", n).isEqualTo(reference(model, input));
      List<Long> q = (List<Long>) out.get("int8");
      List<Double> real = (List<Double>) out.get("dequantized");
      assertThat(real.get(0))
          .isCloseTo(0.1 * (q.get(0) - 2), org.assertj.core.data.Offset.offset(1e-6));
      assertThat((List<?>) out.get("topK")).hasSize(2);
      List<Map<String, Object>> layers = (List<Map<String, Object>>) runs.get(n).get("layers");
      assertThat(layers).hasSize(1);
      assertThat(layers.get(0).get("op")).isEqualTo("FULLY_CONNECTED");
      assertThat(layers.get(0).get("macs")).isEqualTo((long) TinyModels.IN * TinyModels.OUT);
      assertThat((Long) runs.get(n).get("cycles")).isPositive();
    }
    Map<String, Object> sram = (Map<String, Object>) json.get("sram");
    assertThat((Long) sram.get("peak")).isGreaterThan((Long) sram.get("static"));
    assertThat(List.copyOf(json.keySet()))
        .containsExactly(
            "model",
            "kernels",
            "macs",
            "inputs",
            "outputs",
            "inferences",
            "sram",
            "schedule",
            "flashBytes",
            "weightBytes",
            "coreHz");
    Map<String, Object> in = ((List<Map<String, Object>>) json.get("inputs")).get(0);
    assertThat(in)
        .containsEntry("name", "input")
        .containsEntry("type", "INT8")
        .containsEntry("shape", List.of(1L, (long) TinyModels.IN))
        .containsEntry("zeroPoint", -3L);
    assertThat((Double) in.get("scale")).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-7));
    assertThat(((List<Map<String, Object>>) json.get("outputs")).get(0))
        .containsEntry("zeroPoint", 2L);
  }

  @Test
  void inspectShowsQuantisationOpsAndArenaPerPlanner() throws IOException {
    Path model = model();
    CliRun text = CliRun.of("inspect", model.toString());
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out())
        .contains(
            "model fc: 1 ops, 60 MACs",
            "input   'input' [1, 12] INT8, 12 B, scale 0.05 zero point -3",
            "output  'output' [1, 5] INT8, 5 B, scale 0.1 zero point 2",
            "ops     FULLY_CONNECTED",
            "arena   greedy ");
    CliRun json = CliRun.of("inspect", model.toString(), "--json");
    Map<String, Object> info = (Map<String, Object>) json.json();
    assertThat(List.copyOf(info.keySet()))
        .containsExactly("model", "inputs", "outputs", "ops", "macs", "weightBytes", "arena");
    assertThat(info).containsEntry("macs", 60L).containsEntry("ops", List.of("FULLY_CONNECTED"));
    Map<String, Object> arena = (Map<String, Object>) info.get("arena");
    assertThat((Long) arena.get("greedy"))
        .isPositive()
        .isLessThanOrEqualTo((Long) arena.get("linear"));
    assertThat(CliRun.of("inspect", tmp.resolve("none.tflite").toString(), "--json").json())
        .isInstanceOf(Map.class);
  }

  @Test
  void textOutputShowsValuesCyclesAndLayers() throws IOException {
    Path model = model();
    byte[] input = random(TinyModels.IN, 11);
    Path file = Files.write(tmp.resolve("x.bin"), input);
    CliRun r =
        CliRun.of("infer", model.toString(), "--input", file.toString(), "--build-dir", BUILD);
    assertThat(r.exitCode()).as(r.err()).isZero();
    String expected = reference(model, input).toString();
    assertThat(r.out())
        .contains(
            "output 'output' [1, 5]",
            "int8:        " + expected,
            "top-5:",
            "ms at 216 MHz",
            "sram peak:",
            "flash:",
            "FULLY_CONNECTED");
  }

  @Test
  void wrongInputSizeIsAOneLineError() throws IOException {
    Path model = model();
    Path file = Files.write(tmp.resolve("short.bin"), new byte[TinyModels.IN - 1]);
    CliRun r =
        CliRun.of("infer", model.toString(), "--input", file.toString(), "--build-dir", BUILD);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip())
        .startsWith("tinysim: input ")
        .contains("11 bytes but the model takes 12")
        .doesNotContain("\n");
    CliRun few =
        CliRun.of(
            "infer",
            model.toString(),
            "--inputs",
            file.toString(),
            "--count",
            "2",
            "--build-dir",
            BUILD);
    assertThat(few.exitCode()).isEqualTo(2);
    assertThat(few.err()).contains("fewer than 2 inputs");
    Path ragged = Files.write(tmp.resolve("ragged.bin"), new byte[2 * TinyModels.IN + 1]);
    CliRun tail =
        CliRun.of(
            "infer",
            model.toString(),
            "--inputs",
            ragged.toString(),
            "--count",
            "1",
            "--build-dir",
            tmp.resolve("unused-build").toString());
    assertThat(tail.exitCode()).isEqualTo(2);
    assertThat(tail.err()).contains("25 bytes is not a whole number of 12-byte records");
    assertThat(tmp.resolve("unused-build").resolve("models")).doesNotExist();
  }

  @Test
  void unsupportedOpAndMalformedModelsAreOneLineErrors() throws IOException {
    Path input = Files.write(tmp.resolve("x.bin"), new byte[TinyModels.IN]);
    Path tanh = Files.write(tmp.resolve("tanh.tflite"), TinyModels.unsupportedOp());
    CliRun r = CliRun.of("infer", tanh.toString(), "--input", input.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("not supported").contains("TANH");
    byte[] good = TinyModels.fullyConnected();
    Path cut = Files.write(tmp.resolve("cut.tflite"), java.util.Arrays.copyOf(good, 60));
    CliRun c = CliRun.of("infer", cut.toString(), "--input", input.toString());
    assertThat(c.exitCode()).isEqualTo(2);
    assertThat(c.err().strip()).startsWith("tinysim: model cut.tflite").doesNotContain("\n");
    CliRun both = CliRun.of("infer", tanh.toString());
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("exactly one of --input");
  }

  @Test
  void compileWritesSourcesAndFirmware() throws IOException {
    Path out = tmp.resolve("out");
    CliRun r =
        CliRun.of(
            "compile",
            model().toString(),
            "-o",
            out.toString(),
            "--planner",
            "linear",
            "--build-dir",
            BUILD);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(out.resolve("model.c")).exists();
    assertThat(out.resolve("main.c")).exists();
    assertThat(out.resolve("memory-plan.txt")).exists();
    assertThat(out.resolve("model-dsp.elf")).exists();
    assertThat(r.out()).contains("1 ops (FULLY_CONNECTED)", "60 MACs", "linear planner");
    assertThat(
            CliRun.of("compile", model().toString(), "-o", out.toString(), "--planner", "best")
                .exitCode())
        .isEqualTo(2);
  }

  @Test
  void compileRefusesAnOpWithoutCKernelBeforeAnyWork() throws IOException {
    Path mul = Files.write(tmp.resolve("mul.tflite"), TinyModels.mulWithoutKernel());
    Path out = tmp.resolve("mul-out");
    // --arena-budget would start the patch search; the refusal must come before it.
    CliRun r =
        CliRun.of(
            "compile",
            mul.toString(),
            "-o",
            out.toString(),
            "--arena-budget",
            "1K",
            "--build-dir",
            BUILD);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip())
        .startsWith(
            "tinysim: model mul cannot be compiled to C: "
                + "operator 0 (MUL): no tsn_ C kernel for int8 MUL yet")
        .doesNotContain("\n");
    assertThat(out).doesNotExist();
  }
}
