package org.tinysim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --sram-budget and --patch on person_detect (../shared; skipped when absent). */
class PatchOptionsTest {

  private static final String BUILD = CliRun.buildRoot().toString();

  @TempDir Path dir;

  private static Path personDetect() {
    String root = System.getProperty("tinysim.repoRoot");
    assumeTrue(root != null, "tinysim.repoRoot is not set: shared models unavailable");
    Path p =
        Path.of(root)
            .toAbsolutePath()
            .normalize()
            .resolveSibling("shared/models/tflite-micro/person_detect.tflite");
    assumeTrue(Files.isRegularFile(p), "no shared model " + p);
    return p;
  }

  @Test
  void sizesParseWithBinaryUnits() {
    assertThat(PatchOptions.parseSize("64K")).isEqualTo(65536);
    assertThat(PatchOptions.parseSize("64kb")).isEqualTo(65536);
    assertThat(PatchOptions.parseSize("1M")).isEqualTo(1 << 20);
    assertThat(PatchOptions.parseSize("40000")).isEqualTo(40000);
  }

  @SuppressWarnings("unchecked")
  @Test
  void budgetPicksAPatchedScheduleWithThePlainOutputs() throws IOException {
    Path model = personDetect();
    byte[] x = new byte[96 * 96];
    new Random(5).nextBytes(x);
    Path input = Files.write(dir.resolve("x.bin"), x);

    CliRun plain =
        CliRun.of(
            "infer", model.toString(), "--input", input.toString(), "--json", "--build-dir", BUILD);
    CliRun patched =
        CliRun.of(
            "infer",
            model.toString(),
            "--input",
            input.toString(),
            "--json",
            "--sram-budget",
            "40K",
            "--build-dir",
            BUILD);
    assertThat(patched.exitCode()).as(patched.err()).isZero();
    Map<String, Object> p = (Map<String, Object>) patched.json();
    Map<String, Object> q = (Map<String, Object>) plain.json();
    Map<String, Object> schedule = (Map<String, Object>) p.get("schedule");
    assertThat(schedule.get("patch")).isNotNull();
    assertThat(((Number) ((Map<String, Object>) p.get("sram")).get("arena")).longValue())
        .isLessThanOrEqualTo(40 * 1024);
    long patchedPeak = ((Number) ((Map<String, Object>) p.get("sram")).get("peak")).longValue();
    long plainPeak = ((Number) ((Map<String, Object>) q.get("sram")).get("peak")).longValue();
    assertThat(patchedPeak).isLessThan(plainPeak);
    List<Object> outPatched =
        (List<Object>)
            ((Map<String, Object>) ((List<Object>) p.get("inferences")).get(0)).get("outputs");
    List<Object> outPlain =
        (List<Object>)
            ((Map<String, Object>) ((List<Object>) q.get("inferences")).get(0)).get("outputs");
    assertThat(outPatched).isEqualTo(outPlain);
    assertThat((List<Object>) schedule.get("frontier")).isNotEmpty();
  }

  @Test
  void anImpossibleBudgetNamesTheSmallestPeak() {
    CliRun r =
        CliRun.of(
            "compile",
            personDetect().toString(),
            "-o",
            dir.toString(),
            "--sram-budget",
            "4K",
            "--build-dir",
            BUILD);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("no schedule fits the SRAM budget of 4096 B")
        .contains("smallest peak arena is")
        .contains("split=")
        .contains("reached at op");
  }

  @Test
  void aForcedPatchIsCompiledAndAnImpossibleOneExplained() {
    CliRun ok =
        CliRun.of(
            "compile",
            personDetect().toString(),
            "-o",
            dir.toString(),
            "--patch",
            "split=4,grid=3",
            "--build-dir",
            BUILD);
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("schedule: split=4,grid=3, planned arena");
    CliRun bad =
        CliRun.of(
            "compile",
            personDetect().toString(),
            "-o",
            dir.toString(),
            "--patch",
            "split=4,grid=30",
            "--build-dir",
            BUILD);
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("grid 30x30 is finer than the stage output");
  }
}
