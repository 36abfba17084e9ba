package org.tinysim.emulator.run;

/**
 * Budgets for one run; 0 means unlimited. A runaway firmware ends with a budget fault.
 *
 * @param maxCycles emulated cycles allowed in total since reset
 * @param maxInstructions instructions allowed in total since reset
 */
public record RunOptions(long maxCycles, long maxInstructions) {
  /**
   * The default budget: 20 billion cycles, about 93 s of emulated time at 216 MHz and several
   * minutes of host time; long runs report progress on the CLI's stderr meanwhile.
   */
  public static final long DEFAULT_MAX_CYCLES = 20_000_000_000L;

  public static RunOptions defaults() {
    return new RunOptions(DEFAULT_MAX_CYCLES, 0);
  }

  public static RunOptions cycles(long maxCycles) {
    return new RunOptions(maxCycles, 0);
  }
}
