package org.tinysim.golden.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * CoreMark at issue 13's five GCC levels, built with tinysim's own port
 * (src/test/firmware/coremark) and run on the emulated board, against the silicon CoreMark/MHz of
 * levels.tsv: each within ±2 %, and each run's CRCs validated by CoreMark itself. CoreMark's
 * sources are third-party and never in this repository: the test runs only when
 * TINYSIM_COREMARK_DIR names a directory holding them (scripts/coremark.sh prints the same table
 * from the CLI).
 */
class CoreMarkCalibrationTest {
  static final String SOURCES_VARIABLE = "TINYSIM_COREMARK_DIR";
  static final double BAND_PERCENT = 2.0;
  private static final Path PORT = Path.of("src", "test", "firmware", "coremark");
  private static final Path OUT = Path.of("target", "coremark");
  private static final Pattern TICKS = Pattern.compile("(?m)^Total ticks\\s*:\\s*(\\d+)$");
  private static final Pattern ITERATIONS = Pattern.compile("(?m)^Iterations\\s*:\\s*(\\d+)$");

  record Level(String name, double silicon) {}

  @Test
  void everyLevelIsWithinTwoPercentOfSiliconWithValidatedCrcs() throws Exception {
    String sources = System.getenv(SOURCES_VARIABLE);
    assumeTrue(
        sources != null && !sources.isBlank(),
        SOURCES_VARIABLE + " not set: skipping CoreMark (its sources are not in this repository)");
    assertThat(Path.of(sources, "core_main.c"))
        .as(SOURCES_VARIABLE + " must name CoreMark's source directory")
        .isRegularFile();
    build(Path.of(sources).toAbsolutePath());

    List<String> failures = new ArrayList<>();
    System.out.printf(
        "%-8s %14s %13s %9s %8s%n", "level", "cycles", "CoreMark/MHz", "silicon", "error");
    for (Level level : levels()) {
      CalibrationFirmware.Output out =
          CalibrationFirmware.run(OUT.resolve("coremark-" + level.name() + ".elf"), false, false);
      assertThat(out.console())
          .as(level.name() + ": CoreMark's own CRC check")
          .contains("Correct operation validated");
      long ticks = number(TICKS, out.console(), level);
      long iterations = number(ITERATIONS, out.console(), level);
      double perMhz = iterations * 1e6 / ticks;
      double error = (perMhz / level.silicon() - 1) * 100;
      System.out.printf(
          "%-8s %14d %13.3f %9.3f %+7.1f%%%n", level.name(), ticks, perMhz, level.silicon(), error);
      if (Math.abs(error) > BAND_PERCENT) {
        failures.add(String.format("%s %+.1f %%", level.name(), error));
      }
    }
    assertThat(failures).as("levels outside ±%.0f %% of silicon", BAND_PERCENT).isEmpty();
  }

  private static void build(Path sources) throws IOException, InterruptedException {
    CalibrationFirmware.make(
        "CoreMark", PORT, "COREMARK_DIR=" + sources, "OUT=" + OUT.toAbsolutePath());
  }

  /** levels.tsv: name, GCC flags, silicon CoreMark/MHz (tab separated; # comments). */
  static List<Level> levels() throws IOException {
    List<Level> levels = new ArrayList<>();
    for (String[] fields : CalibrationFirmware.rows(PORT.resolve("levels.tsv"))) {
      levels.add(new Level(fields[0], Double.parseDouble(fields[2])));
    }
    return levels;
  }

  private static long number(Pattern pattern, String console, Level level) {
    Matcher m = pattern.matcher(console);
    assertThat(m.find()).as(level.name() + " printed no '" + pattern + "':\n" + console).isTrue();
    return Long.parseLong(m.group(1));
  }
}
