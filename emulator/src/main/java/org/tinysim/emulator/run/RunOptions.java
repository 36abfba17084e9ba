package org.tinysim.emulator.run;

/**
 * Budgets for one run; 0 means unlimited. A runaway firmware ends with a budget fault.
 *
 * @param maxCycles       emulated cycles allowed in total since reset
 * @param maxInstructions instructions allowed in total since reset
 */
public record RunOptions(long maxCycles, long maxInstructions) {
    /** A default that stops a runaway loop in well under a minute of host time. */
    public static final long DEFAULT_MAX_CYCLES = 20_000_000_000L;

    public static RunOptions defaults() {
        return new RunOptions(DEFAULT_MAX_CYCLES, 0);
    }

    public static RunOptions cycles(long maxCycles) {
        return new RunOptions(maxCycles, 0);
    }
}
