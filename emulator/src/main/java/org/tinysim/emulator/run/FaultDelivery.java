package org.tinysim.emulator.run;

/**
 * Whether a fault the core raises (MemManage, BusFault, UsageFault, escalated HardFault) is taken
 * by the firmware's handler, as on silicon, or stops the run with the host's fault report.
 */
public enum FaultDelivery {
  /**
   * Deliver when the handler that would run is the firmware's own: not the board's {@code
   * Default_Handler} and not a branch to itself. Firmware without a fault handler of its own gets
   * the host report (more useful than a hang or "unhandled exception 3").
   */
  AUTO,
  /** Always take the exception, even into a default handler. */
  ALWAYS,
  /**
   * Never: every fault stops the run with the host report (CCR/SHCSR still configure which faults
   * exist).
   */
  NEVER
}
