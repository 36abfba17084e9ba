package org.tinysim.emulator.memory;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The STM32F746's memory regions (RM0385, "Memory map"), strict: nothing else is mapped, so every
 * other access faults. Peripheral windows are added by the board from the device models.
 */
public final class Stm32f746MemoryMap {
  public static final long ITCM_RAM_BASE = 0x0000_0000L;
  public static final long FLASH_ITCM_BASE = 0x0020_0000L;
  public static final long FLASH_BASE = 0x0800_0000L;
  public static final long FLASH_SIZE = 1024 * 1024;
  public static final long DTCM_BASE = 0x2000_0000L;
  public static final long SRAM1_BASE = 0x2001_0000L;
  public static final long SRAM2_BASE = 0x2004_C000L;
  public static final long SRAM_END = 0x2005_0000L;
  public static final long SRAM_SIZE = SRAM_END - DTCM_BASE;
  public static final long BACKUP_SRAM_BASE = 0x4002_4000L;
  public static final long PPB_BASE = 0xE000_0000L;
  public static final long PPB_SIZE = 0x0010_0000L;

  public static final List<MemoryRegion> MEMORY_REGIONS =
      List.of(
          new MemoryRegion("ITCM RAM", ITCM_RAM_BASE, 16 * 1024, RegionKind.ITCM_RAM, true, true),
          new MemoryRegion(
              "flash (ITCM alias)",
              FLASH_ITCM_BASE,
              FLASH_SIZE,
              RegionKind.FLASH_ITCM_ALIAS,
              false,
              true),
          new MemoryRegion("flash", FLASH_BASE, FLASH_SIZE, RegionKind.FLASH, false, true),
          new MemoryRegion("DTCM", DTCM_BASE, 64 * 1024, RegionKind.DTCM, true, true),
          new MemoryRegion("SRAM1", SRAM1_BASE, 240 * 1024, RegionKind.SRAM1, true, true),
          new MemoryRegion("SRAM2", SRAM2_BASE, 16 * 1024, RegionKind.SRAM2, true, true),
          new MemoryRegion(
              "backup SRAM", BACKUP_SRAM_BASE, 4 * 1024, RegionKind.BACKUP_SRAM, true, false));

  private Stm32f746MemoryMap() {}

  public static Optional<MemoryRegion> regionAt(long address) {
    return MEMORY_REGIONS.stream().filter(r -> r.contains(address)).findFirst();
  }

  /**
   * Says where an address lies relative to the real regions, e.g. "0 bytes past the end of SRAM2"
   * or "inside flash", for fault reports.
   */
  public static String describe(long address) {
    Optional<MemoryRegion> inside = regionAt(address);
    if (inside.isPresent()) {
      MemoryRegion r = inside.get();
      return String.format("inside %s (offset 0x%X)", r.name(), address - r.start());
    }
    if (address >= PPB_BASE && address < PPB_BASE + PPB_SIZE) {
      return "in the private peripheral bus";
    }
    MemoryRegion below =
        MEMORY_REGIONS.stream()
            .filter(r -> r.end() <= address)
            .max(Comparator.comparingLong(MemoryRegion::end))
            .orElse(null);
    if (below != null && address - below.end() < 0x10_0000L) {
      return String.format("%d bytes past the end of %s", address - below.end(), below.name());
    }
    return "outside every mapped region";
  }
}
