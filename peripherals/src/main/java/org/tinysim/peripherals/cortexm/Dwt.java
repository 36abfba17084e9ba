package org.tinysim.peripherals.cortexm;

import java.util.logging.Logger;
import org.tinysim.emulator.time.Clock;
import org.tinysim.peripherals.registers.Access;
import org.tinysim.peripherals.registers.Field;
import org.tinysim.peripherals.registers.RegisterDevice;
import org.tinysim.peripherals.registers.RegisterOffset;

/**
 * Data watchpoint and trace unit (base 0xE0001000), modelled for its cycle counter. CYCCNT counts
 * emulated core cycles while DEMCR.TRCENA and CTRL.CYCCNTENA are both set. As on the Cortex-M7,
 * writes only take effect after the software lock is opened with 0xC5ACCE55 in LAR.
 */
public final class Dwt extends RegisterDevice {
  public static final long BASE = 0xE0001000L;
  public static final long UNLOCK_KEY = 0xC5ACCE55L;

  /** Four comparators; trace packets, external triggers, CYCCNT and profiling counters present. */
  static final long CTRL_RESET = 0x40000000L;

  private static final int COMPARATORS = 4;
  private static final Logger LOG = Logger.getLogger(Dwt.class.getName());

  enum Reg implements RegisterOffset {
    Ctrl(0x000),
    Cyccnt(0x004),
    Cpicnt(0x008),
    Exccnt(0x00C),
    Sleepcnt(0x010),
    Lsucnt(0x014),
    Foldcnt(0x018),
    Pcsr(0x01C),
    Comp0(0x020),
    Lar(0xFB0),
    Lsr(0xFB4);

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
  private final DebugControl debug;
  private Field cycleCounterEnable;
  private boolean locked = true;

  /** CYCCNT held {@code countBase} at {@code countSince} (while counting) or holds it (stopped). */
  private long countBase;

  private long countSince;
  private boolean counting;

  public Dwt(Clock clock, DebugControl debug) {
    super("DWT", 0x1000);
    this.clock = clock;
    this.debug = debug;
    defineRegisters();
    debug.addTraceEnableListener(enabled -> updateCounting());
    publishCycleCount();
  }

  public boolean isLocked() {
    return locked;
  }

  /** CYCCNT as firmware would read it now. */
  public long cycleCount() {
    long value = counting ? countBase + (clock.cycles() - countSince) : countBase;
    return value & 0xFFFF_FFFFL;
  }

  @Override
  public void write(long offset, int width, long value) {
    if (locked && offset != Reg.Lar.offset()) {
      LOG.fine(() -> String.format("DWT locked: write 0x%X to offset 0x%X ignored", value, offset));
      return;
    }
    super.write(offset, width, value);
  }

  @Override
  public void reset() {
    super.reset();
    locked = true;
    countBase = 0;
    counting = false;
    publishCycleCount();
  }

  private void defineRegisters() {
    registers
        .define(Reg.Ctrl)
        .resetValue(CTRL_RESET)
        .flag("CYCCNTENA", 0, Access.RW, f -> cycleCounterEnable = f)
        .onChange((was, now) -> updateCounting())
        .field("CONTROL", 1, 22, Access.RW)
        .field("FEATURES", 24, 8, Access.RO)
        .build();
    registers
        .define(Reg.Cyccnt)
        .field("CYCCNT", 0, 32, Access.RW)
        .readsAs(this::cycleCount)
        .onWrite(this::restartCountAt)
        .build();
    for (Reg counter : new Reg[] {Reg.Cpicnt, Reg.Exccnt, Reg.Sleepcnt, Reg.Lsucnt, Reg.Foldcnt}) {
      registers.define(counter).field("COUNT", 0, 8, Access.RW).build();
    }
    registers.define(Reg.Pcsr).field("EIASAMPLE", 0, 32, Access.RO).build();
    for (int comparator = 0; comparator < COMPARATORS; comparator++) {
      long offset = Reg.Comp0.offset() + 0x10L * comparator;
      registers.define("COMP" + comparator, offset).field("COMP", 0, 32, Access.RW).build();
      registers.define("MASK" + comparator, offset + 4).field("MASK", 0, 5, Access.RW).build();
      registers
          .define("FUNCTION" + comparator, offset + 8)
          .field("FUNCTION", 0, 32, Access.RW)
          .build();
    }
    registers
        .define(Reg.Lar)
        .field("KEY", 0, 32, Access.WO)
        .onWrite(key -> locked = key != UNLOCK_KEY)
        .build();
    registers
        .define(Reg.Lsr)
        .flag("SLI", 0, Access.RO)
        .readsAs(() -> 1)
        .flag("SLK", 1, Access.RO)
        .readsAs(() -> locked ? 1 : 0)
        .build();
  }

  private void restartCountAt(long value) {
    countBase = value;
    countSince = clock.cycles();
    publishCycleCount();
  }

  private void updateCounting() {
    boolean shouldCount = debug.traceEnabled() && cycleCounterEnable.isSet();
    if (shouldCount == counting) {
      return;
    }
    if (shouldCount) {
      countSince = clock.cycles();
    } else {
      countBase = cycleCount();
    }
    counting = shouldCount;
    publishCycleCount();
  }

  /**
   * CYCCNT is what firmware polls: the engine answers those reads itself (Clock.serveCycleCount).
   */
  private void publishCycleCount() {
    clock.serveCycleCount(
        BASE + Reg.Cyccnt.offset(), counting, counting ? countBase - countSince : countBase);
  }
}
