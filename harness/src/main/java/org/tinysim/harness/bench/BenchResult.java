package org.tinysim.harness.bench;

/**
 * Measured emulator speed.
 *
 * @param rounds dot-product rounds the firmware ran
 * @param instructions instructions of one run (counted by the board's cycle hook)
 * @param cycles emulated cycles of one run on the board
 * @param boardSeconds host wall time of the board run (median of the timed runs)
 * @param plainSeconds host wall time of the plain Unicorn run (median)
 * @param boardChecksum checksum printed on the board
 * @param plainChecksum checksum printed under plain Unicorn
 * @param timedRuns timed runs per engine (after one warm-up)
 */
public record BenchResult(
    long rounds,
    long instructions,
    long cycles,
    double boardSeconds,
    double plainSeconds,
    long boardChecksum,
    long plainChecksum,
    int timedRuns) {

  public double boardMips() {
    return instructions / boardSeconds / 1e6;
  }

  public double plainMips() {
    return instructions / plainSeconds / 1e6;
  }

  /** Cycle-model speed as a share of plain Unicorn's, in percent. */
  public double ratioPercent() {
    return 100.0 * boardMips() / plainMips();
  }

  public boolean checksumsMatch() {
    return boardChecksum == plainChecksum;
  }
}
