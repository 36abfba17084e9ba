package org.tinysim.emulator.exceptions;

/**
 * ARMv7-M exception numbers (Armv7-M ARM, B1.5.2): the value in IPSR and the index into the vector
 * table. External interrupt {@code n} is exception {@code FIRST_IRQ + n}; 7-10 and 13 are reserved.
 */
public final class ExceptionNumber {
  public static final int RESET = 1;
  public static final int NMI = 2;
  public static final int HARD_FAULT = 3;
  public static final int MEM_MANAGE = 4;
  public static final int BUS_FAULT = 5;
  public static final int USAGE_FAULT = 6;
  public static final int SV_CALL = 11;
  public static final int DEBUG_MONITOR = 12;
  public static final int PEND_SV = 14;
  public static final int SYS_TICK = 15;
  public static final int FIRST_IRQ = 16;

  private ExceptionNumber() {}
}
