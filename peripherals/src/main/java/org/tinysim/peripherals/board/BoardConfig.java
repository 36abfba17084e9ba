package org.tinysim.peripherals.board;

import org.tinysim.peripherals.rcc.Rcc;

/**
 * What differs between STM32F746 boards as far as the peripherals are concerned.
 *
 * @param hseHz HSE crystal or bypass frequency
 * @param resetVectorTable VTOR value after reset
 */
public record BoardConfig(long hseHz, long resetVectorTable) {
  /** Default BOOT_ADD0 (0x0080 << 14): flash through the ITCM interface, where VTOR starts. */
  public static final long BOOT_ADDRESS = 0x0020_0000L;

  /** STM32F746G-DISCO: 25 MHz HSE crystal. */
  public static BoardConfig disco() {
    return new BoardConfig(Rcc.DISCO_HSE_HZ, BOOT_ADDRESS);
  }

  /** Nucleo-F746ZG: 8 MHz HSE bypass from the ST-LINK. */
  public static BoardConfig nucleo() {
    return new BoardConfig(Rcc.NUCLEO_HSE_HZ, BOOT_ADDRESS);
  }
}
