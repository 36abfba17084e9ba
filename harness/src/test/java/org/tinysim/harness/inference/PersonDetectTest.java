package org.tinysim.harness.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.harness.toolchain.KernelPath;

/**
 * person_detect (TFLM) compiled to C and run on the emulated board: upstream's assertions hold,
 * outputs equal the chained reference kernels, and the measurements are printed.
 */
class PersonDetectTest {

  static Stream<Arguments> builds() {
    return Stream.of(Arguments.of(KernelPath.DSP, false), Arguments.of(KernelPath.PORTABLE, false),
        Arguments.of(KernelPath.DSP, true));
  }

  @ParameterizedTest(name = "{0}, in place {1}")
  @MethodSource("builds")
  void detectsThePersonAndNotTheEmptyScene(KernelPath path, boolean inPlace) throws Exception {
    Path shared = SharedModels.shared();
    Path model = SharedModels.require(shared.resolve("models/tflite-micro/person_detect.tflite"));
    byte[] person = Files.readAllBytes(
        SharedModels.require(shared.resolve("data/tflite-micro/person_96x96x1_int8.bin")));
    byte[] noPerson = Files.readAllBytes(
        SharedModels.require(shared.resolve("data/tflite-micro/no_person_96x96x1_int8.bin")));
    Graph graph = TfliteImporter.load(model);

    CompiledModel compiled = new ModelCompiler(BuildDirs.root())
        .compile(graph, CodegenOptions.defaults().withInPlace(inPlace), path);
    try (ModelRunner runner = ModelRunner.start(compiled)) {
      InferenceResult yes = runner.infer(person);
      InferenceResult no = runner.infer(noPerson);
      assertThat(yes.output()[1]).as("person score vs no-person score")
          .isGreaterThan(yes.output()[0]);
      assertThat(no.output()[0]).isGreaterThan(no.output()[1]);
      PreparedGraph prepared = Preparer.prepare(graph);
      assertThat(yes.output()).isEqualTo(GraphOracle.run(prepared, List.of(person)).get(0));
      assertThat(no.output()).isEqualTo(GraphOracle.run(prepared, List.of(noPerson)).get(0));
      assertThat(yes.flashBytes()).isLessThan(1024 * 1024);
      assertThat(yes.peakSramBytes()).isBetween(compiled.arenaBytes(), 320L * 1024);
      assertThat(Arrays.stream(yes.layerCycles()).sum()).isLessThanOrEqualTo(yes.cycles());
      System.out.printf("person_detect %s in-place=%s: person %s, no_person %s%n", path, inPlace,
          Arrays.toString(yes.output()), Arrays.toString(no.output()));
      System.out.printf("  flash %d B (weights %d B), peak SRAM %d B, arena %d B (%s)%n",
          yes.flashBytes(), compiled.weightBytes(), yes.peakSramBytes(), compiled.arenaBytes(),
          compiled.arenaSizes());
      System.out.printf("  %d cycles = %.2f ms at %d MHz, %d MACs, %.3f MACs/cycle%n",
          yes.cycles(), yes.milliseconds(), yes.coreHz() / 1_000_000, compiled.macs(),
          compiled.macs() / (double) yes.cycles());
      System.out.println("  layer cycles " + Arrays.toString(yes.layerCycles()));
    }
  }
}
