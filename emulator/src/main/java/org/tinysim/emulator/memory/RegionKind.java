package org.tinysim.emulator.memory;

/** What a region of the STM32F746 address map holds. */
public enum RegionKind {
  ITCM_RAM,
  FLASH,
  FLASH_ITCM_ALIAS,
  DTCM,
  SRAM1,
  SRAM2,
  BACKUP_SRAM,
  PERIPHERAL,
  PRIVATE_PERIPHERAL_BUS;

  /** The 320 KB the SRAM budget counts: DTCM + SRAM1 + SRAM2. */
  public boolean isMainSram() {
    return this == DTCM || this == SRAM1 || this == SRAM2;
  }

  public boolean isFlash() {
    return this == FLASH || this == FLASH_ITCM_ALIAS;
  }
}
