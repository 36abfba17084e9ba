package org.tinysim.harness.golden;

/**
 * How far a measurement may move from its baseline.
 *
 * @param cyclesPercent ± band for total cycles; layers outside it are named
 * @param sramLimit hard limit on the measured peak SRAM, bytes
 * @param flashLimit hard limit on flash, bytes
 * @param accuracyConfidence confidence of the Clopper-Pearson interval for sampled accuracy
 * @param floatTolerance absolute tolerance for float32 outputs against the reference
 */
public record Tolerances(
    double cyclesPercent,
    long sramLimit,
    long flashLimit,
    double accuracyConfidence,
    double floatTolerance) {

  public static final long SRAM_BYTES = 320 * 1024;
  public static final long FLASH_BYTES = 1024 * 1024;

  public static Tolerances defaults() {
    return new Tolerances(2.0, SRAM_BYTES, FLASH_BYTES, 0.99, 1e-4);
  }
}
