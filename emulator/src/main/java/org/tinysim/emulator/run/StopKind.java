package org.tinysim.emulator.run;

/** How a run ended. */
public enum StopKind {
  /** The firmware exited through semihosting with a status. */
  EXITED,
  /** The firmware reached a host sync point ({@code bkpt 0x42}) and waits for the host. */
  YIELDED,
  /** A fault stopped it (see the fault). */
  FAULTED,
  /**
   * The host paused it ({@code Machine.requestPause}, a debugger's breakpoint, step or watchpoint);
   * running again continues with every count exactly as without the pause.
   */
  PAUSED
}
