package org.tinysim.peripherals.cortexm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tinysim.peripherals.testing.FakeClock;

class DwtTest {
  private static final long CTRL = 0x000;
  private static final long CYCCNT = 0x004;
  private static final long LAR = 0xFB0;
  private static final long LSR = 0xFB4;
  private static final long DEMCR = 0xC;
  private static final long TRCENA = 1L << 24;

  private final FakeClock clock = new FakeClock();
  private final DebugControl debug = new DebugControl();
  private final Dwt dwt = new Dwt(clock, debug);

  @Test
  void resetValueDescribesACortexM7Dwt() {
    assertThat(dwt.read(CTRL, 4)).isEqualTo(0x40000000L);
    assertThat(dwt.read(LSR, 4)).isEqualTo(0b11);
  }

  @Test
  void writesAreIgnoredUntilTheLockIsOpened() {
    debug.write(DEMCR, 4, TRCENA);
    dwt.write(CTRL, 4, dwt.read(CTRL, 4) | 1);
    assertThat(dwt.read(CTRL, 4) & 1).isZero();
    dwt.write(LAR, 4, Dwt.UNLOCK_KEY);
    assertThat(dwt.read(LSR, 4)).isEqualTo(0b01);
    dwt.write(CTRL, 4, dwt.read(CTRL, 4) | 1);
    assertThat(dwt.read(CTRL, 4) & 1).isEqualTo(1);
  }

  @Test
  void cycleCounterCountsEmulatedCyclesOnceEnabled() {
    enableCounter(500);
    clock.advanceTo(1_234);
    assertThat(dwt.read(CYCCNT, 4)).isEqualTo(734);
  }

  @Test
  void cycleCounterNeedsTraceEnable() {
    dwt.write(LAR, 4, Dwt.UNLOCK_KEY);
    dwt.write(CTRL, 4, dwt.read(CTRL, 4) | 1);
    clock.advanceTo(1_000);
    assertThat(dwt.read(CYCCNT, 4)).isZero();
    debug.write(DEMCR, 4, TRCENA);
    clock.advanceTo(1_100);
    assertThat(dwt.read(CYCCNT, 4)).isEqualTo(100);
    debug.write(DEMCR, 4, 0);
    clock.advanceTo(5_000);
    assertThat(dwt.read(CYCCNT, 4)).as("frozen while TRCENA is clear").isEqualTo(100);
  }

  @Test
  void cycleCounterIsWritableAndWrapsAt32Bits() {
    enableCounter(0);
    clock.advanceTo(10);
    dwt.write(CYCCNT, 4, 0xFFFF_FFF0L);
    clock.advanceTo(42);
    assertThat(dwt.read(CYCCNT, 4)).isEqualTo(0x10);
  }

  @Test
  void relockingIgnoresFurtherWrites() {
    enableCounter(0);
    dwt.write(LAR, 4, 0);
    clock.advanceTo(50);
    dwt.write(CYCCNT, 4, 0);
    assertThat(dwt.read(CYCCNT, 4)).isEqualTo(50);
  }

  private void enableCounter(long atCycle) {
    clock.advanceTo(atCycle);
    debug.write(DEMCR, 4, TRCENA);
    dwt.write(LAR, 4, Dwt.UNLOCK_KEY);
    dwt.write(CYCCNT, 4, 0);
    dwt.write(CTRL, 4, dwt.read(CTRL, 4) | 1);
  }
}
