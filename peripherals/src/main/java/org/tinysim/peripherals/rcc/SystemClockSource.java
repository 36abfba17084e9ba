package org.tinysim.peripherals.rcc;

/** The three SYSCLK sources, in the order of their CFGR.SW/SWS encoding. */
public enum SystemClockSource {
  HSI,
  HSE,
  PLL;

  /** Decodes SW/SWS; 0b11 is "not allowed" on the STM32F7 and yields null. */
  static SystemClockSource fromCode(long code) {
    return code < values().length ? values()[(int) code] : null;
  }

  long code() {
    return ordinal();
  }
}
