package org.tinysim.peripherals.cortexm;

import org.tinysim.emulator.time.Clock;
import org.tinysim.peripherals.interrupts.IrqLine;
import org.tinysim.peripherals.registers.Access;
import org.tinysim.peripherals.registers.Field;
import org.tinysim.peripherals.registers.RegisterDevice;
import org.tinysim.peripherals.registers.RegisterOffset;

/**
 * SysTick timer (base 0xE000E010). The counter is not stepped: its value is computed from the
 * emulated cycle count, and only wraps are scheduled on the {@link Clock}, so timing is exact. With
 * CLKSOURCE=0 it counts the HCLK/8 reference, i.e. one tick per 8 core cycles.
 */
public final class SysTick extends RegisterDevice {
  public static final long BASE = 0xE000E010L;

  /** TENMS = 0 means "calibration unknown"; SKEW set because no exact 10 ms value exists. */
  static final long CALIB_VALUE = 0x40000000L;

  private static final int REFERENCE_CLOCK_DIVIDER = 8;
  private static final long COUNTER_MASK = 0xFF_FFFFL;
  private static final long NO_WRAP = Long.MAX_VALUE;

  enum Reg implements RegisterOffset {
    Ctrl(0x0),
    Load(0x4),
    Val(0x8),
    Calib(0xC);

    private final long offset;

    Reg(long offset) {
      this.offset = offset;
    }

    @Override
    public long offset() {
      return offset;
    }
  }

  private final Clock clock;
  private final IrqLine irq = new IrqLine("SysTick");
  private Field enable;
  private Field tickInterrupt;
  private Field clockSource;
  private Field countFlag;
  private Field reloadValue;

  /** Counter state: at {@code anchorCycle} the counter held {@code anchorValue}. */
  private long anchorCycle;

  private long anchorValue;
  private long nextWrapCycle = NO_WRAP;
  private Clock.ScheduledEvent wrapEvent;
  private long wrapEventCycle = NO_WRAP;

  public SysTick(Clock clock) {
    super("SysTick", 0x10);
    this.clock = clock;
    defineRegisters();
    publishCounter();
  }

  /** Pulsed on every wrap while TICKINT is set; the board routes it to exception 15. */
  public IrqLine irq() {
    return irq;
  }

  /** Core cycles between two wraps with the current settings. */
  public long periodCycles() {
    return (reloadValue.value() + 1) * cyclesPerTick();
  }

  @Override
  public long read(long offset, int width) {
    catchUp();
    long value = super.read(offset, width);
    publishCounter(); // a CTRL read cleared COUNTFLAG
    return value;
  }

  @Override
  public void write(long offset, int width, long value) {
    catchUp();
    rebase();
    super.write(offset, width, value);
    publishCounter();
  }

  @Override
  public void reset() {
    super.reset();
    anchorValue = 0;
    nextWrapCycle = NO_WRAP;
    reschedule();
  }

  private void defineRegisters() {
    registers
        .define(Reg.Ctrl)
        .flag("ENABLE", 0, Access.RW, f -> enable = f)
        .onChange((was, now) -> enableChanged(now != 0))
        .flag("TICKINT", 1, Access.RW, f -> tickInterrupt = f)
        .flag("CLKSOURCE", 2, Access.RW, f -> clockSource = f)
        .onChange((was, now) -> restartPhase())
        .flag("COUNTFLAG", 16, Access.RC, f -> countFlag = f)
        .build();
    registers
        .define(Reg.Load)
        .field("RELOAD", 0, 24, Access.RW, f -> reloadValue = f)
        .onChange((was, now) -> planNextWrap())
        .build();
    registers
        .define(Reg.Val)
        .field("CURRENT", 0, 24, Access.RW)
        .readsAs(this::currentValue)
        .onWrite(ignored -> clearCounter())
        .build();
    registers
        .define(Reg.Calib)
        .resetValue(CALIB_VALUE)
        .field("TENMS", 0, 24, Access.RO)
        .flag("SKEW", 30, Access.RO)
        .flag("NOREF", 31, Access.RO)
        .build();
  }

  private boolean enabled() {
    return enable.isSet();
  }

  private long cyclesPerTick() {
    return clockSource.isSet() ? 1 : REFERENCE_CLOCK_DIVIDER;
  }

  /** Counter value now; frozen at {@code anchorValue} while disabled. */
  private long currentValue() {
    if (!enabled()) {
      return anchorValue;
    }
    return valueAfterTicks((clock.cycles() - anchorCycle) / cyclesPerTick());
  }

  /** The counter reloads on the tick after reaching 0 and wraps (1 -> 0) every RELOAD+1 ticks. */
  private long valueAfterTicks(long ticks) {
    if (ticks == 0) {
      return anchorValue;
    }
    long reload = reloadValue.value();
    long firstZero = ticksToFirstZero();
    if (ticks < firstZero) {
      return firstZero - ticks;
    }
    if (reload == 0) {
      return 0;
    }
    long sinceZero = (ticks - firstZero) % (reload + 1);
    return sinceZero == 0 ? 0 : reload + 1 - sinceZero;
  }

  private long ticksToFirstZero() {
    return anchorValue == 0 ? reloadValue.value() + 1 : anchorValue;
  }

  /**
   * Moves the anchor to the last tick boundary before a register write, so that a new reload value
   * or clock source only affects counting from now on.
   */
  private void rebase() {
    if (!enabled()) {
      return;
    }
    long ticks = (clock.cycles() - anchorCycle) / cyclesPerTick();
    anchorValue = valueAfterTicks(ticks);
    anchorCycle += ticks * cyclesPerTick();
  }

  private void enableChanged(boolean enable) {
    if (enable) {
      anchorCycle = clock.cycles();
    }
    planNextWrap();
  }

  /** A new clock source starts counting at the current cycle. */
  private void restartPhase() {
    anchorCycle = clock.cycles();
    planNextWrap();
  }

  /** Any write to VAL clears the counter and COUNTFLAG. */
  private void clearCounter() {
    anchorValue = 0;
    anchorCycle = clock.cycles();
    countFlag.set(false);
    planNextWrap();
  }

  private void planNextWrap() {
    boolean counts = enabled() && !(anchorValue == 0 && reloadValue.value() == 0);
    nextWrapCycle = counts ? anchorCycle + ticksToFirstZero() * cyclesPerTick() : NO_WRAP;
    reschedule();
  }

  /** Delivers every wrap that emulated time has passed, then schedules the next one. */
  private void catchUp() {
    countFlag.set(clock.servedFlag(BASE + Reg.Ctrl.offset(), countFlag.isSet()));
    long now = clock.cycles();
    while (nextWrapCycle != NO_WRAP && now >= nextWrapCycle) {
      long wrapCycle = nextWrapCycle;
      countFlag.set(true);
      if (tickInterrupt.isSet()) {
        irq.pulse();
      }
      long reload = reloadValue.value();
      anchorCycle = wrapCycle;
      anchorValue = 0;
      nextWrapCycle = reload == 0 ? NO_WRAP : wrapCycle + (reload + 1) * cyclesPerTick();
    }
    reschedule();
  }

  private void reschedule() {
    publishCounter();
    if (wrapEventCycle == nextWrapCycle) {
      return;
    }
    if (wrapEvent != null) {
      wrapEvent.cancel();
      wrapEvent = null;
    }
    wrapEventCycle = nextWrapCycle;
    if (nextWrapCycle != NO_WRAP) {
      wrapEvent = clock.scheduleAt(nextWrapCycle, this::catchUp);
    }
  }

  /**
   * VAL and CTRL are what firmware polls: the engine answers those reads itself
   * (Clock.serveTickCounter, Clock.serveClearOnRead). A wrap a VAL read passes is still delivered
   * by the scheduled catch-up at that block's end; a CTRL read from the next wrap's cycle on comes
   * here, so COUNTFLAG is set by catchUp exactly as without the engine's help.
   */
  private void publishCounter() {
    clock.serveClearOnRead(
        BASE + Reg.Ctrl.offset(),
        enable.value() | tickInterrupt.value() << 1 | clockSource.value() << 2,
        countFlag.mask(),
        countFlag.isSet(),
        nextWrapCycle);
    clock.serveTickCounter(
        BASE + Reg.Val.offset(),
        enabled(),
        anchorCycle,
        anchorValue,
        reloadValue.value(),
        cyclesPerTick());
  }
}
