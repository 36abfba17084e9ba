package org.tinysim.peripherals.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tinysim.peripherals.testing.FakeClock;

class GpioPortTest {
  private static final long MODER = 0x00;
  private static final long PUPDR = 0x0C;
  private static final long IDR = 0x10;
  private static final long ODR = 0x14;
  private static final long BSRR = 0x18;

  private final FakeClock clock = new FakeClock();
  private final PinLog log = new PinLog();
  private final GpioPort portI = new GpioPort('I', clock);

  GpioPortTest() {
    portI.addPinChangeListener(log);
  }

  @Test
  void resetValuesDependOnThePort() {
    GpioPort a = new GpioPort('A', clock);
    GpioPort b = new GpioPort('B', clock);
    assertThat(a.read(MODER, 4)).isEqualTo(0xA8000000L);
    assertThat(b.read(MODER, 4)).isEqualTo(0x00000280L);
    assertThat(portI.read(MODER, 4)).isZero();
    assertThat(a.read(PUPDR, 4)).isEqualTo(0x64000000L);
    assertThat(GpioPort.baseOf('I')).isEqualTo(0x40022000L);
  }

  @Test
  void bsrrSetsAndResetsPinsAndEveryChangeIsLogged() {
    clock.advanceTo(1_000);
    portI.write(BSRR, 4, 1 << 1);
    clock.advanceTo(2_500);
    portI.write(BSRR, 4, 1L << (16 + 1));
    assertThat(log.lines())
        .containsExactly("GPIOI pin 1 -> 1 at cycle 1000", "GPIOI pin 1 -> 0 at cycle 2500");
    assertThat(portI.read(ODR, 4)).isZero();
  }

  @Test
  void setWinsOverResetAndUnchangedPinsAreNotLogged() {
    portI.write(BSRR, 4, (1L << 16 + 3) | (1 << 3));
    portI.write(BSRR, 4, 1 << 3);
    assertThat(portI.outputLevel(3)).isTrue();
    assertThat(log.lines()).hasSize(1);
  }

  @Test
  void odrWritesLogEachChangedPin() {
    portI.write(ODR, 4, 0b101);
    assertThat(log.lines())
        .containsExactly("GPIOI pin 0 -> 1 at cycle 0", "GPIOI pin 2 -> 1 at cycle 0");
    assertThat(portI.read(BSRR, 4)).as("BSRR is write-only").isZero();
  }

  @Test
  void inputDataShowsOutputsDrivenInputsAndPulls() {
    portI.write(MODER, 4, 0b01); // pin 0 output
    portI.write(PUPDR, 4, 0b01L << 4); // pin 2 pull-up
    portI.write(ODR, 4, 1);
    portI.driveInput(5, true);
    assertThat(portI.read(IDR, 4)).isEqualTo(0b100101);
    portI.releaseInput(5);
    assertThat(portI.read(IDR, 4)).isEqualTo(0b101);
  }

  @Test
  void badPortsAndPinsAreRejected() {
    assertThatThrownBy(() -> new GpioPort('L', clock)).hasMessageContaining("ports A..K, not L");
    assertThatThrownBy(() -> portI.driveInput(16, true)).hasMessageContaining("0..15, not 16");
  }
}
