package org.tinysim.peripherals.flash;

/** Flash wait states currently programmed, read by the cycle model for code fetched from flash. */
@FunctionalInterface
public interface FlashLatency {
  /** FLASH_ACR.LATENCY, 0..15 wait states. */
  int waitStates();
}
