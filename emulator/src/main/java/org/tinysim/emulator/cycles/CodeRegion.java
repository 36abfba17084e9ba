package org.tinysim.emulator.cycles;

/** Where a block of code is fetched from; decides instruction-fetch wait states. */
public enum CodeRegion {
  /** ITCM RAM at 0x00000000: zero wait states. */
  ITCM_RAM,
  /** Flash through the ITCM interface (0x00200000) and ST's ART accelerator. */
  FLASH_ITCM,
  /** Flash through AXIM (0x08000000) and the core's 4 KB I-cache. */
  FLASH_AXIM,
  /** SRAM1/SRAM2 over AXIM and the core's I-cache. */
  SRAM_AXIM,
  /** DTCM (and anything else): no fetch cost modelled [A]. */
  SRAM
}
