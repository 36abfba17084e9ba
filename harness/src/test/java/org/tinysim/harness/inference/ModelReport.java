package org.tinysim.harness.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * harness/target/shared-models-report.md: one table row per model build measured on the board. The
 * first row written in a JVM starts a fresh file, so a test run never mixes in stale rows.
 */
final class ModelReport {

  static final Path FILE = Path.of("target", "shared-models-report.md");

  /** The F746's maximum clock, which the firmware sets up. */
  static final long CORE_HZ = 216_000_000L;

  private static final String HEADER =
      """
      | model | build | ops | MACs | flash B | peak SRAM B | arena linear / greedy / \
      greedy+in-place B | cycles | ms @216 MHz | MACs/cycle | bit-exact |
      |---|---|---:|---:|---:|---:|---|---:|---:|---:|---|
      """;
  private static boolean started;

  private ModelReport() {}

  /** {@code peakSram} is the high-water mark since reset, i.e. over every inference run. */
  static String row(
      String model, String build, CompiledModel c, InferenceResult r, long peakSram, String exact) {
    return String.format(
        Locale.ROOT,
        "| %s | %s | %d | %d | %d | %d | %d / %d / %d | %d | " + "%.2f | %.3f | %s |%n",
        model,
        build,
        c.ops().size(),
        c.macs(),
        r.flashBytes(),
        peakSram,
        c.arenaSizes().linear(),
        c.arenaSizes().greedy(),
        c.arenaSizes().greedyInPlace(),
        r.cycles(),
        r.cycles() * 1000.0 / CORE_HZ,
        c.macs() / (double) r.cycles(),
        exact);
  }

  /** Appends a row (tests of several classes share the file, hence the lock). */
  static synchronized void append(String row) {
    try {
      Files.createDirectories(FILE.toAbsolutePath().getParent());
      if (!started) {
        Files.writeString(FILE, HEADER);
        started = true;
      }
      Files.writeString(FILE, row, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + FILE.toAbsolutePath(), e);
    }
  }
}
