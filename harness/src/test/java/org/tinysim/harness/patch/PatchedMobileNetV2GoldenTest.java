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

/**
 * The search's choice for the bundled model at the board limit, and that it runs bit-exact; the
 * golden case patch/mbv2_patch_160 pins its SRAM, flash and cycles.
 */
class PatchedMobileNetV2GoldenTest {

  @Test
  void searchPicksThePinnedScheduleAndItRunsBitExact() {
    Path file = PatchBench.repoRoot().resolve(MobileNetV2Patchable.FILE);
    Graph graph = TfliteImporter.load(file);
    assertThat(
            new PatchSearch()
                .search(
                    Preparer.prepare(graph),
                    CodegenOptions.defaults(),
                    ModelCompiler.ARENA_LIMIT_BYTES)
                .chosenOrThrow("mbv2")
                .config())
        .isEqualTo(PatchedMobileNetV2Pins.CHOSEN);

    CompiledModel model = PatchBench.compile(graph, PatchedMobileNetV2Pins.CHOSEN);
    byte[] input = PatchBench.input(graph, 11);
    InferenceResult r = PatchBench.run(model, input);
    assertThat(r.output()).isEqualTo(PatchBench.reference(graph, input));
    assertThat(model.arenaBytes()).isEqualTo(PatchedMobileNetV2Pins.PLANNED_ARENA_BYTES);
    assertThat(r.peakSramBytes()).isLessThanOrEqualTo(320 * 1024);
  }
}
