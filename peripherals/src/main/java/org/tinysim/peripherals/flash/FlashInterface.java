package org.tinysim.peripherals.flash;

import org.tinysim.peripherals.registers.Access;
import org.tinysim.peripherals.registers.Field;
import org.tinysim.peripherals.registers.RegisterDevice;
import org.tinysim.peripherals.registers.RegisterOffset;

/**
 * Embedded flash interface (base 0x40023C00). Access control (wait states, ART, prefetch) is
 * modelled for the cycle model; programming and erasing are not: CR and OPTCR only store values,
 * behind the same key sequences as on the chip.
 */
public final class FlashInterface extends RegisterDevice implements FlashLatency {
  public static final long BASE = 0x40023C00L;
  static final long KEY1 = 0x45670123L;
  static final long KEY2 = 0xCDEF89ABL;
  static final long OPTION_KEY1 = 0x08192A3BL;
  static final long OPTION_KEY2 = 0x4C5D6E7FL;
  private static final long CR_RESET = 0x80000000L;
  private static final long OPTCR_RESET = 0xC0FFAAFDL;

  /**
   * Boot from 0x00200000 (ITCM flash) with BOOT0 low, from system memory 0x00100000 with it high.
   */
  private static final long OPTCR1_RESET = 0x00400080L;

  enum Reg implements RegisterOffset {
    Acr(0x00),
    Keyr(0x04),
    Optkeyr(0x08),
    Sr(0x0C),
    Cr(0x10),
    Optcr(0x14),
    Optcr1(0x18);

    private final long offset;

    Reg(long offset) {
      this.offset = offset;
    }

    @Override
    public long offset() {
      return offset;
    }
  }

  private Field latency;
  private Field prefetchEnable;
  private Field artEnable;
  private Field controlLock;
  private Field optionLock;
  private boolean firstKeySeen;
  private boolean firstOptionKeySeen;

  private final java.util.List<Runnable> acrWriteListeners = new java.util.ArrayList<>();

  /**
   * Told after every FLASH_ACR write (the cycle model re-costs code when ARTEN or LATENCY change).
   */
  public void addAcrWriteListener(Runnable listener) {
    acrWriteListeners.add(listener);
  }

  public FlashInterface() {
    super("FLASH", 0x400);
    defineRegisters();
  }

  @Override
  public int waitStates() {
    return (int) latency.value();
  }

  public boolean artEnabled() {
    return artEnable.isSet();
  }

  public boolean prefetchEnabled() {
    return prefetchEnable.isSet();
  }

  public boolean controlLocked() {
    return controlLock.isSet();
  }

  @Override
  public void reset() {
    super.reset();
    firstKeySeen = false;
    firstOptionKeySeen = false;
  }

  private void defineRegisters() {
    registers
        .define(Reg.Acr)
        .field("LATENCY", 0, 4, Access.RW, f -> latency = f)
        .flag("PRFTEN", 8, Access.RW, f -> prefetchEnable = f)
        .flag("ARTEN", 9, Access.RW, f -> artEnable = f)
        .flag("ARTRST", 11, Access.RW)
        .afterWrite(value -> acrWriteListeners.forEach(Runnable::run))
        .build();
    registers.define(Reg.Keyr).field("KEY", 0, 32, Access.WO).onWrite(this::controlKey).build();
    registers
        .define(Reg.Optkeyr)
        .field("OPTKEY", 0, 32, Access.WO)
        .onWrite(this::optionKey)
        .build();
    registers
        .define(Reg.Sr)
        .flag("EOP", 0, Access.RW1C)
        .flag("OPERR", 1, Access.RW1C)
        .field("PROGRAM_ERRORS", 4, 4, Access.RW1C)
        .flag("BSY", 16, Access.RO)
        .build();
    registers
        .define(Reg.Cr)
        .resetValue(CR_RESET)
        .acceptWritesIf(value -> !controlLocked())
        .field("COMMAND", 0, 10, Access.RW)
        .flag("STRT", 16, Access.RW)
        .field("INTERRUPT_ENABLES", 24, 2, Access.RW)
        .flag("LOCK", 31, Access.RW1S, f -> controlLock = f)
        .build();
    registers
        .define(Reg.Optcr)
        .resetValue(OPTCR_RESET)
        .acceptWritesIf(value -> !optionLock.isSet())
        .flag("OPTLOCK", 0, Access.RW1S, f -> optionLock = f)
        .flag("OPTSTRT", 1, Access.RW)
        .field("OPTIONS", 2, 30, Access.RW)
        .build();
    registers
        .define(Reg.Optcr1)
        .resetValue(OPTCR1_RESET)
        .field("BOOT_ADDRESSES", 0, 32, Access.RW)
        .build();
  }

  /** KEY1 followed by KEY2 unlocks CR; anything else restarts the sequence. */
  private void controlKey(long key) {
    if (firstKeySeen && key == KEY2) {
      controlLock.set(false);
    }
    firstKeySeen = key == KEY1;
  }

  private void optionKey(long key) {
    if (firstOptionKeySeen && key == OPTION_KEY2) {
      optionLock.set(false);
    }
    firstOptionKeySeen = key == OPTION_KEY1;
  }
}
