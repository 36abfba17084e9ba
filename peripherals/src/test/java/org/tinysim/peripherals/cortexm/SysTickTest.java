package org.tinysim.peripherals.cortexm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinysim.peripherals.testing.FakeClock;

class SysTickTest {
  private static final long CTRL = 0x0;
  private static final long LOAD = 0x4;
  private static final long VAL = 0x8;
  private static final long ENABLE = 1;
  private static final long TICKINT = 2;
  private static final long PROCESSOR_CLOCK = 4;
  private static final long COUNTFLAG = 1L << 16;

  private final FakeClock clock = new FakeClock();
  private final SysTick sysTick = new SysTick(clock);
  private final List<Long> ticks = new ArrayList<>();

  SysTickTest() {
    sysTick
        .irq()
        .connect(
            high -> {
              if (high) {
                ticks.add(clock.cycles());
              }
            });
  }

  @Test
  void wrapsEveryLoadPlusOneProcessorCycles() {
    clock.advanceTo(100);
    start(999, ENABLE | TICKINT | PROCESSOR_CLOCK);
    clock.advanceTo(3_500);
    assertThat(ticks).containsExactly(1_100L, 2_100L, 3_100L);
    assertThat(sysTick.periodCycles()).isEqualTo(1_000);
  }

  @Test
  void referenceClockIsHclkDividedByEight() {
    start(99, ENABLE | TICKINT);
    clock.advanceTo(1_700);
    assertThat(ticks).containsExactly(800L, 1_600L);
  }

  @Test
  void counterValueIsComputedFromCycles() {
    start(999, ENABLE | PROCESSOR_CLOCK);
    clock.advanceTo(1);
    assertThat(sysTick.read(VAL, 4)).isEqualTo(999);
    clock.advanceTo(250);
    assertThat(sysTick.read(VAL, 4)).isEqualTo(750);
    clock.advanceTo(1_000);
    assertThat(sysTick.read(VAL, 4)).isZero();
    clock.advanceTo(1_001);
    assertThat(sysTick.read(VAL, 4)).isEqualTo(999);
  }

  @Test
  void countFlagIsSetByAWrapAndClearedByReading() {
    start(9, ENABLE | PROCESSOR_CLOCK);
    clock.advanceTo(5);
    assertThat(sysTick.read(CTRL, 4) & COUNTFLAG).isZero();
    clock.advanceTo(10);
    assertThat(sysTick.read(CTRL, 4) & COUNTFLAG).isNotZero();
    assertThat(sysTick.read(CTRL, 4) & COUNTFLAG).isZero();
  }

  @Test
  void wrapIsSeenByAPollBeforeTheScheduledEventRuns() {
    start(9, ENABLE | TICKINT | PROCESSOR_CLOCK);
    clock.jumpWithinBlockTo(12);
    assertThat(sysTick.read(CTRL, 4) & COUNTFLAG).isNotZero();
    assertThat(ticks).containsExactly(12L);
    clock.advanceTo(25);
    assertThat(ticks).as("the late event does not wrap twice").containsExactly(12L, 20L);
  }

  @Test
  void noInterruptWithoutTickint() {
    start(9, ENABLE | PROCESSOR_CLOCK);
    clock.advanceTo(100);
    assertThat(ticks).isEmpty();
    assertThat(sysTick.read(CTRL, 4) & COUNTFLAG).isNotZero();
  }

  @Test
  void writingValRestartsTheCountFromReload() {
    start(99, ENABLE | TICKINT | PROCESSOR_CLOCK);
    clock.advanceTo(50);
    sysTick.write(VAL, 4, 12345);
    clock.advanceTo(200);
    assertThat(ticks).containsExactly(150L);
  }

  @Test
  void newReloadTakesEffectAfterTheCurrentPeriod() {
    start(99, ENABLE | TICKINT | PROCESSOR_CLOCK);
    clock.advanceTo(30);
    sysTick.write(LOAD, 4, 9);
    clock.advanceTo(125);
    assertThat(ticks).containsExactly(100L, 110L, 120L);
  }

  @Test
  void disablingFreezesTheCounterAndStopsWraps() {
    start(99, ENABLE | TICKINT | PROCESSOR_CLOCK);
    clock.advanceTo(40);
    sysTick.write(CTRL, 4, TICKINT | PROCESSOR_CLOCK);
    long frozen = sysTick.read(VAL, 4);
    clock.advanceTo(1_000);
    assertThat(sysTick.read(VAL, 4)).isEqualTo(frozen).isEqualTo(60);
    assertThat(ticks).isEmpty();
    assertThat(clock.pendingEvents()).isZero();
  }

  @Test
  void zeroReloadNeverWraps() {
    start(0, ENABLE | TICKINT | PROCESSOR_CLOCK);
    clock.advanceTo(1_000);
    assertThat(ticks).isEmpty();
  }

  @Test
  void calibrationReportsAnUnknownTenMillisecondValue() {
    assertThat(sysTick.read(0xC, 4)).isEqualTo(0x40000000L);
  }

  private void start(long reload, long ctrl) {
    sysTick.write(LOAD, 4, reload);
    sysTick.write(VAL, 4, 0);
    sysTick.write(CTRL, 4, ctrl);
  }
}
