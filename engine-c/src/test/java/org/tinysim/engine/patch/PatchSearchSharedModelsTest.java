package org.tinysim.engine.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.patch.search.NoScheduleFitsException;
import org.tinysim.engine.patch.search.PatchCandidate;
import org.tinysim.engine.patch.search.PatchSearch;
import org.tinysim.engine.patch.search.PatchSearchResult;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.Preparer;

/** The budgeted search on the real models: its choices obey the budget and never lose. */
class PatchSearchSharedModelsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "tinyengine/mcunet_vww_80x80.tflite",
        "mlperf-tiny/vww_96_int8.tflite",
        "tflite-micro/person_detect.tflite"
      })
  void choicesObeyTheBudgetAndNeverLoseToPlain(String model) {
    PreparedGraph g = Preparer.prepare(TfliteImporter.load(SharedModelPaths.model(model)));
    PatchSearch search = new PatchSearch();
    PatchSearchResult roomy = search.search(g, CodegenOptions.defaults(), 1 << 20);
    assertThat(roomy.chosen()).contains(roomy.plain());

    long smallest = roomy.smallestPeak().peakArenaBytes();
    System.out.println(model + "\n" + roomy.frontierTable());
    assertThat(smallest).isLessThan(roomy.plain().peakArenaBytes());
    PatchSearchResult tight = search.search(g, CodegenOptions.defaults(), smallest);
    PatchCandidate chosen = tight.chosen().orElseThrow();
    assertThat(chosen.peakArenaBytes()).isLessThanOrEqualTo(smallest);
    assertThat(chosen.extraMacs()).isGreaterThan(0);
    for (PatchCandidate c : tight.all()) {
      if (c.peakArenaBytes() <= smallest) {
        assertThat(chosen.estimatedCycles()).isLessThanOrEqualTo(c.estimatedCycles());
      }
    }
    assertThatThrownBy(
            () -> search.search(g, CodegenOptions.defaults(), smallest - 1).chosenOrThrow("m"))
        .isInstanceOf(NoScheduleFitsException.class)
        .hasMessageContaining("smallest peak arena is " + smallest + " B")
        .hasMessageContaining(tight.smallestPeak().label());
  }
}
