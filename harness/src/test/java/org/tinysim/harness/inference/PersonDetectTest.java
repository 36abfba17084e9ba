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
import org.tinysim.harness.toolchain.KernelPath;

/**
 * person_detect (TFLM) compiled to C and run on the emulated board for both kernel paths (and in
 * place): outputs equal the ReferenceInterpreter's, upstream's assertions hold, the model fits, and
 * each build adds a row to target/shared-models-report.md.
 */
class PersonDetectTest {

  static Stream<Arguments> builds() {
    return Stream.of(
        Arguments.of(KernelPath.DSP, false),
        Arguments.of(KernelPath.PORTABLE, false),
        Arguments.of(KernelPath.DSP, true));
  }

  @ParameterizedTest(name = "{0}, in place {1}")
  @MethodSource("builds")
  void detectsThePersonAndNotTheEmptyScene(KernelPath path, boolean inPlace) throws Exception {
    Path shared = SharedModels.shared();
    Path model = SharedModels.require(shared.resolve("models/tflite-micro/person_detect.tflite"));
    byte[] person =
        Files.readAllBytes(
            SharedModels.require(shared.resolve("data/tflite-micro/person_96x96x1_int8.bin")));
    byte[] noPerson =
        Files.readAllBytes(
            SharedModels.require(shared.resolve("data/tflite-micro/no_person_96x96x1_int8.bin")));
    Graph graph = TfliteImporter.load(model);

    List<InferenceResult> results =
        BoardCheck.run(
            "person_detect",
            graph,
            CodegenOptions.defaults().withInPlace(inPlace),
            path,
            0,
            List.of(person, noPerson));

    InferenceResult yes = results.get(0);
    InferenceResult no = results.get(1);
    assertThat(yes.output()[1])
        .as("person score vs no-person score")
        .isGreaterThan(yes.output()[0]);
    assertThat(no.output()[0]).isGreaterThan(no.output()[1]);
    assertThat(Arrays.stream(yes.layerCycles()).sum()).isLessThanOrEqualTo(yes.cycles());
    System.out.printf(
        "person_detect %s in-place=%s: person %s, no_person %s%n  layer cycles %s%n",
        path,
        inPlace,
        Arrays.toString(yes.output()),
        Arrays.toString(no.output()),
        Arrays.toString(yes.layerCycles()));
  }
}
