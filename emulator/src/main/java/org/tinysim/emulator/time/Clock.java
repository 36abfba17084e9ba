package org.tinysim.emulator.time;

/**
 * Emulated time, counted in core cycles of the cycle model. Never wall-clock time, so that every
 * run of the same firmware sees the same timings.
 */
public interface Clock {
    /** Cycles executed so far, exact to the instruction when read from an MMIO access. */
    long cycles();

    /** Core clock frequency the firmware configured (Hz); 16 MHz HSI after reset. */
    long coreFrequencyHz();

    /**
     * Runs {@code action} once emulated time reaches {@code atCycle} (at the next block boundary
     * at or after it). Returns a handle that can cancel it.
     */
    ScheduledEvent scheduleAt(long atCycle, Runnable action);

    /** A pending timed action. */
    interface ScheduledEvent {
        void cancel();
    }
}
