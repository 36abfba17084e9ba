package org.tinysim.peripherals.rcc;

/** The clock tree frequencies the firmware has configured, as the cycle model needs them. */
public interface ClockControl {
  /** System clock: HSI, HSE or the main PLL's P output, whichever CFGR.SWS reports. */
  long sysclkHz();

  /** AHB clock, which is also the Cortex-M7 core clock. */
  long hclkHz();

  /** APB1 peripheral clock. */
  long pclk1Hz();

  /** APB2 peripheral clock. */
  long pclk2Hz();
}
