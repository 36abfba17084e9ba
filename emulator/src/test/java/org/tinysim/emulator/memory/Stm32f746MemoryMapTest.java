package org.tinysim.emulator.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Stm32f746MemoryMapTest {

  @Test
  void sramIs320KilobytesInThreeContiguousBanks() {
    long total =
        Stm32f746MemoryMap.MEMORY_REGIONS.stream()
            .filter(r -> r.kind().isMainSram())
            .mapToLong(MemoryRegion::size)
            .sum();
    assertThat(total).isEqualTo(320 * 1024);
    assertThat(Stm32f746MemoryMap.regionAt(0x2004_BFFFL))
        .get()
        .extracting(MemoryRegion::name)
        .isEqualTo("SRAM1");
    assertThat(Stm32f746MemoryMap.regionAt(0x2004_C000L))
        .get()
        .extracting(MemoryRegion::name)
        .isEqualTo("SRAM2");
  }

  @Test
  void describesAddressesRelativeToRealRegions() {
    assertThat(Stm32f746MemoryMap.describe(0x2005_0000L))
        .isEqualTo("0 bytes past the end of SRAM2");
    assertThat(Stm32f746MemoryMap.describe(0x0800_0100L)).isEqualTo("inside flash (offset 0x100)");
    assertThat(Stm32f746MemoryMap.describe(0xE000_1000L))
        .isEqualTo("in the private peripheral bus");
    assertThat(Stm32f746MemoryMap.describe(0x9000_0000L)).isEqualTo("outside every mapped region");
    assertThat(Stm32f746MemoryMap.regionAt(0x0820_0000L)).isEmpty();
  }
}
