package org.tinysim.emulator.run;

import org.tinysim.emulator.fault.Fault;

/**
 * Outcome of running firmware until it exits, yields to the host or faults.
 *
 * @param exitStatus status given to SYS_EXIT(_EXTENDED) when {@code stop == EXITED}, else null
 * @param fault the fault when {@code stop == FAULTED}, else null
 * @param cycles emulated cycles since reset
 * @param instructions instructions since reset
 * @param console semihosting stdout text
 * @param consoleErr semihosting stderr text
 * @param sram measured peak SRAM
 * @param flashBytes flash the image occupies (text + rodata + data initialisers)
 * @param coreHz core clock at the end of the run (for converting cycles to time)
 */
public record RunResult(
    StopKind stop,
    Integer exitStatus,
    Fault fault,
    long cycles,
    long instructions,
    String console,
    String consoleErr,
    SramUsage sram,
    long flashBytes,
    long coreHz) {

  /** Exit codes of faults start here (below the shell's 128 + signal range). */
  public static final int FAULT_EXIT_BASE = 100;

  /**
   * Exit code of a run the host ended before the firmware did (wall-clock timeout, debugger kill).
   */
  public static final int STOPPED_BY_HOST_EXIT = 124;

  /** Process exit code a CLI should return: the firmware's status, or 100 + fault kind ordinal. */
  public int processExitCode() {
    return switch (stop) {
      case EXITED -> exitStatus & 0xff;
      case YIELDED -> 0;
      case FAULTED -> FAULT_EXIT_BASE + fault.kind().ordinal();
      case PAUSED -> STOPPED_BY_HOST_EXIT;
    };
  }

  public double milliseconds(long atHz) {
    return cycles * 1000.0 / atHz;
  }
}
