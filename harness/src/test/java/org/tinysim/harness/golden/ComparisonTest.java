package org.tinysim.harness.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tinysim.harness.golden.GoldenPaths.FileRef;
import org.tinysim.harness.golden.InputSpec.Preprocess;
import org.tinysim.harness.report.DeltaTable;
import org.tinysim.harness.toolchain.KernelPath;

class ComparisonTest {

  private static final GoldenCase CASE =
      new GoldenCase(
          "s",
          "c",
          Path.of("s/c"),
          "",
          new FileRef("m.tflite", Path.of("m.tflite"), false),
          new InputSpec.Generated(1, 1, Preprocess.RAW),
          List.of(KernelPath.DSP),
          java.util.Map.of(),
          Tolerances.defaults(),
          Optional.of(100),
          java.util.Map.of());

  private static Figures figures(
      int records,
      boolean full,
      long peak,
      long cycles,
      long[] layers,
      Optional<Figures.Accuracy> accuracy) {
    List<Figures.Layer> l = new java.util.ArrayList<>();
    for (int i = 0; i < layers.length; i++) {
      l.add(new Figures.Layer(i, "CONV_2D", layers[i]));
    }
    return new Figures(
        records,
        full,
        2,
        "ab".repeat(32),
        new Figures.Sram(peak, 100, 20, peak - 120),
        5000,
        cycles,
        l,
        accuracy);
  }

  private static Measurement measured(Figures f) {
    return new Measurement(
        KernelPath.DSP,
        f,
        new byte[f.records() * 2],
        new InputSet(
            java.util.Collections.nCopies(f.records(), new byte[1]),
            Optional.empty(),
            new int[f.records()],
            f.records(),
            "x"),
        1,
        Optional.empty(),
        1.0,
        Optional.empty(),
        Optional.empty());
  }

  @Test
  void cyclesWithinTheBandPassAndBeyondItFailNamingTheLayer() {
    Figures blessed = figures(1, true, 1000, 10_000, new long[] {6000, 4000}, Optional.empty());
    Verdict inside =
        Comparison.compare(
            CASE,
            measured(figures(1, true, 1000, 10_190, new long[] {6190, 4000}, Optional.empty())),
            Optional.of(blessed),
            Optional.empty());
    Verdict outside =
        Comparison.compare(
            CASE,
            measured(figures(1, true, 1000, 10_210, new long[] {6000, 4210}, Optional.empty())),
            Optional.of(blessed),
            Optional.empty());

    assertThat(inside.status()).isEqualTo(Verdict.Status.PASS);
    assertThat(inside.layers()).extracting(LayerChange::index).containsExactly(0);
    assertThat(outside.status()).isEqualTo(Verdict.Status.FAIL);
    assertThat(outside.message()).isEqualTo("regression: cycles");
    assertThat(outside.layers()).extracting(LayerChange::index).containsExactly(1);
    assertThat(DeltaTable.render(outside)).contains("+2.10%", "op 1  CONV_2D  4,000  ->  4,210");
  }

  private static Figures withFlash(Figures f, long flash) {
    return new Figures(
        f.records(),
        f.fullSource(),
        f.recordBytes(),
        f.outputsSha256(),
        f.sram(),
        flash,
        f.cycles(),
        f.layers(),
        f.accuracy());
  }

  @Test
  void modifiedKernelsReportFlashAndCycleChangesAgainstTheBaseline() {
    Figures blessed = figures(1, true, 1000, 10_000, new long[] {6000, 4000}, Optional.empty());
    Figures faster =
        withFlash(figures(1, true, 1000, 9_000, new long[] {5000, 4000}, Optional.empty()), 5016);

    Verdict blessedRules =
        Comparison.compare(CASE, measured(faster), Optional.of(blessed), Optional.empty());
    Verdict kernelChange =
        Comparison.compare(CASE, measured(faster), Optional.of(blessed), Optional.empty(), true);

    assertThat(blessedRules.status()).isEqualTo(Verdict.Status.FAIL);
    assertThat(blessedRules.message()).isEqualTo("regression: flash, cycles");
    assertThat(kernelChange.status()).isEqualTo(Verdict.Status.PASS);
    assertThat(kernelChange.message())
        .isEqualTo("kernel change: improved cycles; regressed " + "within limits flash");
    assertThat(kernelChange.rows())
        .filteredOn(r -> r.quantity().equals("flash"))
        .extracting(Delta::change)
        .containsExactly("+16 B regression");
    assertThat(kernelChange.rows())
        .filteredOn(r -> r.quantity().equals("cycles"))
        .extracting(Delta::change)
        .containsExactly("-10.00% improvement");

    Verdict smaller =
        Comparison.compare(
            CASE, measured(withFlash(blessed, 4990)), Optional.of(blessed), Optional.empty(), true);
    assertThat(smaller.status()).isEqualTo(Verdict.Status.PASS);
    assertThat(smaller.message()).isEqualTo("kernel change: improved flash");

    Verdict slower =
        Comparison.compare(
            CASE,
            measured(figures(1, true, 1000, 10_300, new long[] {6300, 4000}, Optional.empty())),
            Optional.of(blessed),
            Optional.empty(),
            true);
    assertThat(slower.status()).isEqualTo(Verdict.Status.FAIL);
    assertThat(slower.message()).isEqualTo("regression: cycles");

    Verdict moreStack =
        Comparison.compare(
            CASE,
            measured(figures(1, true, 1008, 10_000, new long[] {6000, 4000}, Optional.empty())),
            Optional.of(blessed),
            Optional.empty(),
            true);
    assertThat(moreStack.status()).isEqualTo(Verdict.Status.PASS);
    assertThat(moreStack.message()).isEqualTo("kernel change: regressed within limits peak SRAM");

    Verdict overLimit =
        Comparison.compare(
            CASE,
            measured(withFlash(blessed, Tolerances.FLASH_BYTES + 1)),
            Optional.of(blessed),
            Optional.empty(),
            true);
    assertThat(overLimit.status()).isEqualTo(Verdict.Status.FAIL);
    assertThat(overLimit.message()).isEqualTo("regression: flash");
  }

  @Test
  void sramIsExactAndHasAHardLimit() {
    Figures blessed = figures(1, true, 1000, 10_000, new long[] {10_000}, Optional.empty());
    Verdict oneByte =
        Comparison.compare(
            CASE,
            measured(figures(1, true, 1001, 10_000, new long[] {10_000}, Optional.empty())),
            Optional.of(blessed),
            Optional.empty());
    assertThat(oneByte.message()).isEqualTo("regression: peak SRAM");

    Verdict noBaseline =
        Comparison.compare(
            CASE,
            measured(figures(1, true, 400_000, 10_000, new long[] {10_000}, Optional.empty())),
            Optional.empty(),
            Optional.empty());
    assertThat(noBaseline.status()).isEqualTo(Verdict.Status.NO_BASELINE);
    assertThat(noBaseline.rows())
        .filteredOn(d -> d.quantity().equals("peak SRAM"))
        .extracting(Delta::ok)
        .containsExactly(false);
  }

  @Test
  void accuracyOnTheBlessedRecordsUsesTheExactRule() {
    Figures blessed =
        figures(100, true, 1, 1, new long[0], Optional.of(new Figures.Accuracy(90, 100)));
    Optional<Delta> same =
        Comparison.accuracy(
            blessed,
            figures(100, true, 1, 1, new long[0], Optional.of(new Figures.Accuracy(90, 100))),
            Tolerances.defaults());
    Optional<Delta> lower =
        Comparison.accuracy(
            blessed,
            figures(100, true, 1, 1, new long[0], Optional.of(new Figures.Accuracy(89, 100))),
            Tolerances.defaults());

    assertThat(same).get().extracting(Delta::ok).isEqualTo(true);
    assertThat(lower.get().ok()).isFalse();
    assertThat(lower.get().rule()).startsWith("exact rule");
  }

  @Test
  void accuracyOnASampleUsesTheClopperPearsonInterval() {
    Figures blessed =
        figures(10_000, true, 1, 1, new long[0], Optional.of(new Figures.Accuracy(9_000, 10_000)));
    // 99% Clopper-Pearson for 880/1000 reaches above 0.90; for 860/1000 it stays below.
    Delta noise =
        Comparison.accuracy(
                blessed,
                figures(
                    1000, false, 1, 1, new long[0], Optional.of(new Figures.Accuracy(880, 1000))),
                Tolerances.defaults())
            .get();
    Delta drop =
        Comparison.accuracy(
                blessed,
                figures(
                    1000, false, 1, 1, new long[0], Optional.of(new Figures.Accuracy(860, 1000))),
                Tolerances.defaults())
            .get();

    assertThat(noise.ok()).isTrue();
    assertThat(noise.rule())
        .startsWith("binomial rule: blessed within 99% Clopper-Pearson CI [")
        .endsWith("of a 1000-record sample");
    assertThat(drop.ok()).isFalse();
  }

  @Test
  void blessReportsChangedBaselineLines() {
    String before =
        BaselineFile.write(
            KernelPath.DSP,
            figures(1, true, 1000, 10_000, new long[] {6000, 4000}, Optional.empty()));
    String after =
        BaselineFile.write(
            KernelPath.DSP,
            figures(1, true, 1000, 10_500, new long[] {6000, 4500}, Optional.empty()));

    assertThat(GoldenSuite.lineChanges(before, before)).isEmpty();
    assertThat(GoldenSuite.lineChanges(before, after))
        .containsExactly(
            "cycles.\"total\": 10000  ->  \"total\": 10500",
            "cycles.{ \"index\": 1, \"op\": \"CONV_2D\", \"cycles\": 4000 }  ->  "
                + "{ \"index\": 1, \"op\": \"CONV_2D\", \"cycles\": 4500 }");
  }

  @Test
  void baselineFileRoundTrips() {
    Figures f =
        figures(
            3,
            false,
            1000,
            10_000,
            new long[] {6000, 4000},
            Optional.of(new Figures.Accuracy(2, 3)));
    String text = BaselineFile.write(KernelPath.PORTABLE, f);

    assertThat(text).contains("\"file\": \"outputs-portable.bin\"", "\"fullSource\": false");
    java.nio.file.Path file = null;
    try {
      file = java.nio.file.Files.createTempFile("baseline", ".json");
      java.nio.file.Files.writeString(file, text);
      assertThat(BaselineFile.read(file, "b.json")).contains(f);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
