package org.tinysim.peripherals.power;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PwrTest {
  private static final long CR1 = 0x0;
  private static final long CSR1 = 0x4;
  private static final long ODEN = 1L << 16;
  private static final long ODSWEN = 1L << 17;
  private static final long ODRDY = 1L << 16;
  private static final long ODSWRDY = 1L << 17;
  private static final long VOSRDY = 1L << 14;

  private final Pwr pwr = new Pwr();

  @Test
  void resetSelectsScaleOneAndReportsItReady() {
    assertThat(pwr.read(CR1, 4)).isEqualTo(0xC000);
    assertThat(pwr.voltageScale()).isEqualTo(3);
    assertThat(pwr.read(CSR1, 4) & VOSRDY).isNotZero();
  }

  @Test
  void overDriveSequenceCompletes() {
    assertThat(pwr.read(CSR1, 4) & (ODRDY | ODSWRDY)).isZero();
    pwr.write(CR1, 4, pwr.read(CR1, 4) | ODEN);
    assertThat(pwr.read(CSR1, 4) & ODRDY).isNotZero();
    assertThat(pwr.read(CSR1, 4) & ODSWRDY).isZero();
    pwr.write(CR1, 4, pwr.read(CR1, 4) | ODSWEN);
    assertThat(pwr.read(CSR1, 4) & ODSWRDY).isNotZero();
    assertThat(pwr.overDriveActive()).isTrue();
  }
}
