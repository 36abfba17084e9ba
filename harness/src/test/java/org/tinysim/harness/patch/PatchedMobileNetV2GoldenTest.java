package org.tinysim.harness.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.models.MobileNetV2Patchable;
import org.tinysim.engine.patch.search.PatchSearch;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.harness.inference.CompiledModel;
import org.tinysim.harness.inference.InferenceResult;
import org.tinysim.harness.inference.ModelCompiler;

/** Pins the bundled model's patched schedule, peak SRAM and cycles ({@link PatchedMobileNetV2Pins}). */
class PatchedMobileNetV2GoldenTest {

  @Test
  void patchedScheduleSramAndCyclesStayPinned() {
    Path file = PatchBench.repoRoot().resolve(MobileNetV2Patchable.FILE);
    Graph graph = TfliteImporter.load(file);
    assertThat(new PatchSearch().search(Preparer.prepare(graph), CodegenOptions.defaults(),
        ModelCompiler.ARENA_LIMIT_BYTES).chosenOrThrow("mbv2").config())
        .isEqualTo(PatchedMobileNetV2Pins.CHOSEN);

    CompiledModel model = PatchBench.compile(graph, PatchedMobileNetV2Pins.CHOSEN);
    byte[] input = PatchBench.input(graph, 11);
    InferenceResult r = PatchBench.run(model, input);
    assertThat(r.output()).isEqualTo(PatchBench.reference(graph, input));
    assertThat(model.arenaBytes()).isEqualTo(PatchedMobileNetV2Pins.PLANNED_ARENA_BYTES);
    assertThat(r.peakSramBytes()).isEqualTo(PatchedMobileNetV2Pins.PEAK_SRAM_BYTES);
    assertThat(r.cycles()).isEqualTo(PatchedMobileNetV2Pins.CYCLES);
  }
}
