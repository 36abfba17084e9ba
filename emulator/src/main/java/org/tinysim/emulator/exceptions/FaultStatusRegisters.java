package org.tinysim.emulator.exceptions;

/**
 * The SCB registers the core writes and reads when it raises a fault (ARMv7-M ARM B3.2.15-B3.2.18:
 * CFSR, HFSR, MMFAR, BFAR; B3.2.8 CCR). Detached (the default of a bare Machine) means no SCB: the
 * core then cannot deliver faults to firmware and reports them to the host.
 */
public interface FaultStatusRegisters {
  /**
   * Sets CFSR bits (MMFSR 0-7, BFSR 8-15, UFSR 16-31); they stay set until firmware writes 1 to
   * clear.
   */
  void recordFaultStatus(long cfsrBits);

  /** BFAR = address and CFSR.BFARVALID. */
  void recordBusFaultAddress(long address);

  /** MMFAR = address and CFSR.MMARVALID. */
  void recordMemManageAddress(long address);

  /** Sets HFSR bits (FORCED when a configurable fault escalated). */
  void recordHardFaultStatus(long hfsrBits);

  /** CCR.DIV_0_TRP: SDIV/UDIV by zero raise a UsageFault instead of giving 0. */
  boolean divideByZeroTrap();

  /**
   * Whether a configurable fault (4-6) is enabled in SHCSR; a disabled one escalates to HardFault.
   */
  boolean faultEnabled(int exception);
}
