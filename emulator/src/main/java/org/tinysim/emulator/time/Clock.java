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
   * Runs {@code action} once emulated time reaches {@code atCycle} (at the next block boundary at
   * or after it). Returns a handle that can cancel it.
   */
  ScheduledEvent scheduleAt(long atCycle, Runnable action);

  /**
   * Lets the engine answer word reads of the register at {@code address} itself, without asking its
   * device, as {@code (counting ? cycles() + base : base) mod 2^32}; the device calls it again
   * whenever that state changes. A no-op where the engine cannot (reads then reach the device).
   */
  default void serveCycleCount(long address, boolean counting, long base) {}

  /**
   * As {@link #serveCycleCount}, for a 24-bit down-counter that held {@code anchorValue} at {@code
   * anchorCycle}, counts one per {@code cyclesPerTick} cycles while {@code counting} and reloads
   * {@code reload} on the tick after reaching 0.
   */
  default void serveTickCounter(
      long address,
      boolean counting,
      long anchorCycle,
      long anchorValue,
      long reload,
      long cyclesPerTick) {}

  /**
   * Word reads of the register at {@code address} may be answered without the device: {@code bits},
   * plus {@code flagMask} while the flag is set, and the read clears the flag. Reads from cycle
   * {@code deviceFromCycle} on reach the device. The device must take the flag back with {@link
   * #servedFlag} before it uses its own.
   */
  default void serveClearOnRead(
      long address, long bits, long flagMask, boolean flag, long deviceFromCycle) {}

  /**
   * The flag of the register served by {@link #serveClearOnRead} as reads left it; {@code unserved}
   * when reads of {@code address} are not served.
   */
  default boolean servedFlag(long address, boolean unserved) {
    return unserved;
  }

  /**
   * Word reads of the register at {@code address} may be answered {@code value} without the device;
   * the device calls this again whenever the value changes (a status register).
   */
  default void serveValue(long address, long value) {}

  /** A pending timed action. */
  interface ScheduledEvent {
    void cancel();
  }
}
