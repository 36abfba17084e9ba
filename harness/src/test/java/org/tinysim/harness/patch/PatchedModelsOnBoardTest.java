package org.tinysim.harness.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.models.MobileNetV2Patchable;
import org.tinysim.engine.patch.search.PatchCandidate;
import org.tinysim.engine.patch.search.PatchSearch;
import org.tinysim.engine.patch.search.PatchSearchResult;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.harness.inference.CompiledModel;
import org.tinysim.harness.inference.InferenceResult;
import org.tinysim.harness.inference.ModelCompiler;
import org.tinysim.harness.inference.ModelDoesNotFitException;

/**
 * Patch-based inference measured on the emulated board: for each model the schedule with the
 * smallest planned peak and the search's pick under a budget (3/4 of the plain arena; for the
 * bundled model, the board's arena limit) must give the plain schedule's output bytes with a lower
 * measured SRAM peak. Writes the table to target/patch-report.md.
 */
class PatchedModelsOnBoardTest {

  private static final List<String> ROWS = new ArrayList<>();

  private record Plain(long peak, long cycles, byte[] output) {}

  @Test
  void mcunetVww() {
    measure("mcunet_vww_80x80", PatchBench.shared("tinyengine/mcunet_vww_80x80.tflite"));
  }

  @Test
  void vww96() {
    measure("vww_96_int8", PatchBench.shared("mlperf-tiny/vww_96_int8.tflite"));
  }

  @Test
  void personDetect() {
    measure("person_detect", PatchBench.shared("tflite-micro/person_detect.tflite"));
  }

  /** Plain does not fit the board at all; the budgeted pick runs and matches the reference. */
  @Test
  void bundledMobileNetV2RunsOnlyPatched() {
    Path file = PatchBench.repoRoot().resolve(MobileNetV2Patchable.FILE);
    Graph graph = TfliteImporter.load(file);
    assertThatThrownBy(() -> PatchBench.compile(graph, null))
        .isInstanceOf(ModelDoesNotFitException.class)
        .hasMessageContaining("320 KB SRAM");
    byte[] input = PatchBench.input(graph, 11);
    byte[] expected = PatchBench.reference(graph, input);
    PatchSearchResult search =
        new PatchSearch()
            .search(
                Preparer.prepare(graph),
                CodegenOptions.defaults(),
                ModelCompiler.ARENA_LIMIT_BYTES);
    PatchCandidate picked = search.chosenOrThrow("mbv2");
    assertThat(picked.isPlain()).isFalse();
    List<PatchCandidate> runs = List.of(picked, search.frontier().get(0));
    for (PatchCandidate c : runs) {
      CompiledModel model = PatchBench.compile(graph, c.config());
      InferenceResult r = PatchBench.run(model, input);
      assertThat(r.output()).as("%s output vs the reference", c.label()).isEqualTo(expected);
      ROWS.add(
          row(
              "mbv2_patch_"
                  + MobileNetV2Patchable.RESOLUTION
                  + (c == picked
                      ? " (budget " + ModelCompiler.ARENA_LIMIT_BYTES + ")"
                      : " (smallest)"),
              search.plain().peakArenaBytes() + " planned arena, does not fit",
              -1,
              search.plain(),
              c,
              model,
              r,
              -1));
    }
  }

  private static void measure(String name, Path file) {
    Graph graph = TfliteImporter.load(file);
    byte[] input = PatchBench.input(graph, 7);
    CompiledModel plainModel = PatchBench.compile(graph, null);
    InferenceResult plain = PatchBench.run(plainModel, input);
    PatchSearchResult search =
        new PatchSearch().search(Preparer.prepare(graph), CodegenOptions.defaults(), 1L << 30);
    PatchCandidate smallest = search.frontier().get(0);
    // A quarter below the plain peak, or halfway to the smallest patched peak when the plain
    // schedule is already close to it (mcunet: folded PADs and in-place ops leave the stage's
    // whole float input as the floor).
    long plainPeak = search.plain().peakArenaBytes();
    long budget =
        smallest.peakArenaBytes() <= plainPeak * 3 / 4
            ? plainPeak * 3 / 4
            : (smallest.peakArenaBytes() + plainPeak) / 2;
    PatchCandidate picked =
        new PatchSearch()
            .search(Preparer.prepare(graph), CodegenOptions.defaults(), budget)
            .chosenOrThrow(name);
    for (PatchCandidate c : List.of(smallest, picked)) {
      assertThat(c.isPlain()).isFalse();
      CompiledModel model = PatchBench.compile(graph, c.config());
      InferenceResult r = PatchBench.run(model, input);
      assertThat(r.outputs()).as("%s %s outputs", name, c.label()).hasSameSizeAs(plain.outputs());
      for (int i = 0; i < r.outputs().size(); i++) {
        assertThat(r.outputs().get(i))
            .as("%s %s output %d", name, c.label(), i)
            .isEqualTo(plain.outputs().get(i));
      }
      assertThat(r.peakSramBytes()).isLessThan(plain.peakSramBytes());
      assertThat(model.arenaBytes()).isEqualTo(c.peakArenaBytes());
      ROWS.add(
          row(
              name + (c == smallest ? " (smallest)" : " (budget " + budget + ")"),
              Long.toString(plain.peakSramBytes()),
              plain.peakSramBytes(),
              search.plain(),
              c,
              model,
              r,
              plain.cycles()));
    }
  }

  private static String row(
      String name,
      String plainPeak,
      long plainPeakBytes,
      PatchCandidate plain,
      PatchCandidate c,
      CompiledModel model,
      InferenceResult r,
      long plainCycles) {
    return String.format(
        "| %s | %s | %d | %s | %.1f%% | %s | %d | %s | %s | %d |",
        name,
        plainPeak,
        r.peakSramBytes(),
        plainPeakBytes < 0
            ? "-"
            : String.format("%.2fx", (double) plainPeakBytes / r.peakSramBytes()),
        100.0 * c.extraMacs() / plain.macs(),
        plainCycles < 0
            ? "-"
            : String.format("%.1f%%", 100.0 * (r.cycles() - plainCycles) / plainCycles),
        r.cycles(),
        c.config().split(),
        c.config().grid(),
        model.arenaBytes());
  }

  @AfterAll
  static void writeReport() throws IOException {
    if (ROWS.isEmpty()) {
      return;
    }
    StringBuilder b =
        new StringBuilder(
            "| model | plain peak SRAM B | patched peak SRAM B | "
                + "reduction | extra MACs | extra cycles | patched cycles | split | grid | "
                + "patched arena B |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    ROWS.forEach(r -> b.append(r).append('\n'));
    Path out = Path.of("target", "patch-report.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, b.toString());
    System.out.print(b);
  }
}
