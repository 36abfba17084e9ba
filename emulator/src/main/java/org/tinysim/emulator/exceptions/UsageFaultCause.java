package org.tinysim.emulator.exceptions;

/**
 * Why a UsageFault (exception 6) is raised, with its UFSR bit in CFSR (ARMv7-M ARM, "Configurable
 * Fault Status Register", UFSR part).
 */
public enum UsageFaultCause {
  UNDEFINSTR(16, "undefined instruction"),
  INVSTATE(17, "invalid state (EPSR.T or IT)"),
  INVPC(18, "invalid EXC_RETURN or exception return integrity check failed"),
  NOCP(19, "coprocessor instruction with no such coprocessor or access disabled"),
  UNALIGNED(24, "unaligned access"),
  DIVBYZERO(25, "divide by zero");

  private final int cfsrBit;
  private final String description;

  UsageFaultCause(int cfsrBit, String description) {
    this.cfsrBit = cfsrBit;
    this.description = description;
  }

  /** The CFSR bit a fault handler would see set. */
  public int cfsrBit() {
    return cfsrBit;
  }

  public String description() {
    return description;
  }
}
