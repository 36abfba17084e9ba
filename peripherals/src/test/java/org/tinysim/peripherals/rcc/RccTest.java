package org.tinysim.peripherals.rcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RccTest {
  private static final long CR = 0x00;
  private static final long PLLCFGR = 0x04;
  private static final long CFGR = 0x08;
  private static final long HSEON = 1L << 16;
  private static final long HSERDY = 1L << 17;
  private static final long PLLON = 1L << 24;
  private static final long PLLRDY = 1L << 25;
  private static final long SW_PLL = 2;

  private final Rcc rcc = new Rcc(Rcc.DISCO_HSE_HZ);

  @Test
  void resetStateRunsFromHsiAt16MHz() {
    assertThat(rcc.read(CR, 4)).isEqualTo(0x83);
    assertThat(rcc.read(PLLCFGR, 4)).isEqualTo(0x24003010L);
    assertThat(rcc.read(0x30, 4)).as("AHB1ENR").isEqualTo(0x00100000L);
    assertThat(rcc.systemClockSource()).isEqualTo(SystemClockSource.HSI);
    assertThat(rcc.sysclkHz()).isEqualTo(16_000_000L);
    assertThat(rcc.hclkHz()).isEqualTo(16_000_000L);
  }

  @Test
  void readyBitsFollowTheirEnables() {
    rcc.write(CR, 4, rcc.read(CR, 4) | HSEON);
    assertThat(rcc.read(CR, 4) & HSERDY).isNotZero();
    rcc.write(PLLCFGR, 4, pllConfig(25, 432, 0, 9, true));
    rcc.write(CR, 4, rcc.read(CR, 4) | PLLON);
    assertThat(rcc.read(CR, 4) & PLLRDY).isNotZero();
    rcc.write(CR, 4, rcc.read(CR, 4) & ~PLLON);
    assertThat(rcc.read(CR, 4) & PLLRDY).isZero();
  }

  @Test
  void switchToPllWaitsUntilThePllIsReady() {
    rcc.write(PLLCFGR, 4, pllConfig(25, 432, 0, 9, true));
    rcc.write(CFGR, 4, SW_PLL);
    assertThat(rcc.read(CFGR, 4) & 0b1100).as("SWS still HSI").isZero();
    rcc.write(CR, 4, rcc.read(CR, 4) | HSEON | PLLON);
    assertThat((rcc.read(CFGR, 4) >>> 2) & 3).isEqualTo(SW_PLL);
    assertThat(rcc.sysclkHz()).isEqualTo(216_000_000L);
  }

  @Test
  void busPrescalersDivideTheSystemClock() {
    rcc.write(PLLCFGR, 4, pllConfig(25, 432, 0, 9, true));
    rcc.write(CR, 4, rcc.read(CR, 4) | HSEON | PLLON);
    // HPRE /1, PPRE1 /4 (0b101), PPRE2 /2 (0b100)
    rcc.write(CFGR, 4, SW_PLL | (0b101L << 10) | (0b100L << 13));
    assertThat(rcc.hclkHz()).isEqualTo(216_000_000L);
    assertThat(rcc.pclk1Hz()).isEqualTo(54_000_000L);
    assertThat(rcc.pclk2Hz()).isEqualTo(108_000_000L);
    rcc.write(CFGR, 4, SW_PLL | (0b1000L << 4)); // HPRE /2
    assertThat(rcc.hclkHz()).isEqualTo(108_000_000L);
  }

  @Test
  void theRunningSystemClockCannotBeSwitchedOff() {
    rcc.write(CR, 4, 0);
    assertThat(rcc.read(CR, 4) & 0b11).as("HSION and HSIRDY stay set").isEqualTo(0b11);
  }

  @Test
  void nucleoBypassClockReaches216MHzWithItsOwnDividers() {
    Rcc nucleo = new Rcc(Rcc.NUCLEO_HSE_HZ);
    nucleo.write(PLLCFGR, 4, pllConfig(8, 432, 0, 9, true));
    nucleo.write(CR, 4, nucleo.read(CR, 4) | HSEON | (1L << 18) | PLLON);
    nucleo.write(CFGR, 4, SW_PLL);
    assertThat(nucleo.sysclkHz()).isEqualTo(216_000_000L);
  }

  @Test
  void hsiAsPllSourceAndPDividerFour() {
    rcc.write(PLLCFGR, 4, pllConfig(16, 400, 1, 8, false)); // 16/16*400/4 = 100 MHz
    rcc.write(CR, 4, rcc.read(CR, 4) | PLLON);
    rcc.write(CFGR, 4, SW_PLL);
    assertThat(rcc.sysclkHz()).isEqualTo(100_000_000L);
  }

  @Test
  void implausibleHseIsRejected() {
    assertThatThrownBy(() -> new Rcc(100)).hasMessageContaining("HSE must be 4..50 MHz");
  }

  static long pllConfig(long m, long n, long pCode, long q, boolean fromHse) {
    return m | (n << 6) | (pCode << 16) | ((fromHse ? 1L : 0L) << 22) | (q << 24);
  }
}
