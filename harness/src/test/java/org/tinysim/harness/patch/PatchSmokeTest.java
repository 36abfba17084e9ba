package org.tinysim.harness.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.patch.PatchConfig;
import org.tinysim.harness.inference.CompiledModel;
import org.tinysim.harness.inference.InferenceResult;
import org.tinysim.harness.inference.ModelCompiler;
import org.tinysim.harness.inference.ModelRunner;
import org.tinysim.harness.toolchain.KernelPath;

class PatchSmokeTest {

  @Test
  void personDetectPatched() {
    Path model = Path.of("/work/shared/models/tflite-micro/person_detect.tflite");
    assumeTrue(Files.exists(model));
    Graph g = TfliteImporter.load(model);
    byte[] input = new byte[96 * 96];
    new Random(1).nextBytes(input);
    ModelCompiler mc = new ModelCompiler(Path.of("target", "tinysim-build").toAbsolutePath());
    CompiledModel plain = mc.compile(g, CodegenOptions.defaults(), KernelPath.DSP);
    CompiledModel patched = mc.compile(g, CodegenOptions.defaults().withPatch(
        new PatchConfig(4, 3)), KernelPath.DSP);
    InferenceResult a;
    InferenceResult b;
    try (ModelRunner r = ModelRunner.start(plain)) {
      a = r.infer(input);
    }
    try (ModelRunner r = ModelRunner.start(patched)) {
      b = r.infer(input);
    }
    System.out.println("plain arena " + plain.arenaBytes() + " peak " + a.peakSramBytes()
        + " cycles " + a.cycles());
    System.out.println("patched arena " + patched.arenaBytes() + " peak " + b.peakSramBytes()
        + " cycles " + b.cycles());
    assertThat(b.output()).isEqualTo(a.output());
  }
}
