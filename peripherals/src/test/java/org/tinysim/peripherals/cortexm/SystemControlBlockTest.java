package org.tinysim.peripherals.cortexm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tinysim.peripherals.testing.CountingSignal;

class SystemControlBlockTest {
  private final ExceptionTable exceptions = new ExceptionTable(98, new CountingSignal(), 0);
  private final SystemControlBlock scb = new SystemControlBlock(exceptions);
  private final CacheAndFpuControl scbExt = new CacheAndFpuControl(exceptions);

  @Test
  void identifiesAsCortexM7() {
    assertThat(scb.read(0x00, 4)).isEqualTo(0x410FC271L);
    assertThat((scb.read(0x00, 4) >>> 4) & 0xFFF).isEqualTo(0xC27);
  }

  @Test
  void ccrResetHasStackAlignmentAndStoresCacheEnables() {
    assertThat(scb.read(0x14, 4)).isEqualTo(0x00040200L);
    scb.write(0x14, 4, scb.read(0x14, 4) | (1L << 17) | (1L << 16));
    assertThat(scb.instructionCacheEnabled()).isTrue();
    assertThat(scb.dataCacheEnabled()).isTrue();
    scb.write(0x14, 4, 0);
    assertThat(scb.read(0x14, 4) & (1L << 9)).as("STKALIGN is read-only").isNotZero();
  }

  @Test
  void cacheSizeIdFollowsTheSelectedCache() {
    scb.write(0x84, 4, 0); // CSSELR: level 1 data
    long data = scb.read(0x80, 4);
    scb.write(0x84, 4, 1); // level 1 instruction
    long instruction = scb.read(0x80, 4);
    assertThat(cacheBytes(data)).isEqualTo(4096);
    assertThat(cacheBytes(instruction)).isEqualTo(4096);
    assertThat(scb.read(0x78, 4)).isEqualTo(0x09000003L);
  }

  @Test
  void cmsisStyleSetWayLoopTerminatesAndMaintenanceIsAccepted() {
    scb.write(0x84, 4, 0);
    long ccsidr = scb.read(0x80, 4);
    long sets = (ccsidr >>> 13) & 0x7FFF;
    long ways = (ccsidr >>> 3) & 0x3FF;
    int operations = 0;
    do {
      long way = ways;
      do {
        scbExt.write(0x60, 4, (sets << 5) | (way << 30)); // DCISW
        operations++;
      } while (way-- != 0);
    } while (sets-- != 0);
    assertThat(operations).isEqualTo(128);
    assertThat(scbExt.maintenanceOperations()).isEqualTo(128);
  }

  @Test
  void cpacrGrantsFpuAccess() {
    assertThat(scb.fpuEnabled()).isFalse();
    scb.write(0x88, 4, 0xFL << 20);
    assertThat(scb.fpuEnabled()).isTrue();
    assertThat(scb.read(0x88, 4)).isEqualTo(0x00F00000L);
  }

  @Test
  void recordedFaultsReadBackAndClearWithOnes() {
    scb.recordFaultStatus(1L << 9); // PRECISERR
    scb.recordBusFaultAddress(0x6000_0000L);
    assertThat(scb.read(0x28, 4)).isEqualTo(0x8200);
    assertThat(scb.read(0x38, 4)).isEqualTo(0x6000_0000L);
    scb.write(0x28, 4, 0x0200);
    assertThat(scb.read(0x28, 4)).isEqualTo(0x8000);
    scb.recordHardFaultStatus(1L << 30);
    assertThat(scb.read(0x2C, 4)).isEqualTo(0x4000_0000L);
  }

  @Test
  void mpuRegionSelectedThroughRbarValid() {
    Mpu mpu = new Mpu();
    assertThat(mpu.read(0x00, 4)).isEqualTo(0x800);
    mpu.write(0x0C, 4, 0x20010000L | 0x10 | 3); // RBAR, VALID, region 3
    mpu.write(0x10, 4, 0x0306001DL); // RASR
    assertThat(mpu.read(0x08, 4)).isEqualTo(3);
    assertThat(mpu.regionBase(3)).isEqualTo(0x20010000L);
    assertThat(mpu.regionAttributes(3)).isEqualTo(0x0306001DL);
    mpu.write(0x04, 4, 0b101);
    assertThat(mpu.enabled()).isTrue();
  }

  private static long cacheBytes(long ccsidr) {
    long lineBytes = 1L << ((ccsidr & 7) + 4);
    long ways = ((ccsidr >>> 3) & 0x3FF) + 1;
    long sets = ((ccsidr >>> 13) & 0x7FFF) + 1;
    return lineBytes * ways * sets;
  }
}
