package org.tinysim.peripherals.flash;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlashInterfaceTest {
  private static final long ACR = 0x00;
  private static final long KEYR = 0x04;
  private static final long CR = 0x10;

  private final FlashInterface flash = new FlashInterface();

  @Test
  void latencyReadsBackAndIsExposedToTheCycleModel() {
    assertThat(flash.waitStates()).isZero();
    flash.write(ACR, 4, 7 | (1 << 8) | (1 << 9));
    assertThat(flash.read(ACR, 4)).isEqualTo(0x307);
    assertThat(flash.waitStates()).isEqualTo(7);
    assertThat(flash.artEnabled()).isTrue();
    assertThat(flash.prefetchEnabled()).isTrue();
  }

  @Test
  void latencyByteWriteOnlyChangesLatency() {
    flash.write(ACR, 4, 0x200);
    flash.write(ACR, 1, 0x0F);
    assertThat(flash.read(ACR, 4)).isEqualTo(0x20F);
  }

  @Test
  void controlRegisterUnlocksOnlyWithBothKeysInOrder() {
    assertThat(flash.controlLocked()).isTrue();
    flash.write(CR, 4, 1);
    assertThat(flash.read(CR, 4)).as("locked CR ignores writes").isEqualTo(0x80000000L);
    flash.write(KEYR, 4, FlashInterface.KEY2);
    flash.write(KEYR, 4, FlashInterface.KEY1);
    assertThat(flash.controlLocked()).isTrue();
    flash.write(KEYR, 4, FlashInterface.KEY2);
    assertThat(flash.controlLocked()).isFalse();
    flash.write(CR, 4, 1);
    assertThat(flash.read(CR, 4)).isEqualTo(1);
    flash.write(CR, 4, 0x80000000L);
    assertThat(flash.controlLocked()).isTrue();
  }

  @Test
  void optionBytesHaveTheirFactoryDefaults() {
    assertThat(flash.read(0x14, 4)).isEqualTo(0xC0FFAAFDL);
    assertThat(flash.read(0x18, 4)).isEqualTo(0x00400080L);
  }
}
