package org.tinysim.peripherals.cortexm;

import org.tinysim.peripherals.registers.Access;
import org.tinysim.peripherals.registers.Field;
import org.tinysim.peripherals.registers.RegisterDevice;
import org.tinysim.peripherals.registers.RegisterOffset;

/**
 * Memory protection unit registers (base 0xE000ED90), stored so that HAL MPU set-up code runs; the
 * emulator does not enforce the regions.
 */
public final class Mpu extends RegisterDevice {
  public static final long BASE = 0xE000ED90L;
  public static final int REGIONS = 8;
  private static final long RBAR_VALID = 1L << 4;

  enum Reg implements RegisterOffset {
    Type(0x00),
    Ctrl(0x04),
    Rnr(0x08),
    Rbar(0x0C),
    Rasr(0x10);

    private final long offset;

    Reg(long offset) {
      this.offset = offset;
    }

    @Override
    public long offset() {
      return offset;
    }
  }

  private final long[] regionBase = new long[REGIONS];
  private final long[] regionAttributes = new long[REGIONS];
  private Field enable;
  private Field regionNumber;

  public Mpu() {
    super("MPU", 0x60);
    defineRegisters();
  }

  public boolean enabled() {
    return enable.isSet();
  }

  /** RBAR address bits of a region as last programmed. */
  public long regionBase(int region) {
    return regionBase[region];
  }

  /** RASR of a region as last programmed. */
  public long regionAttributes(int region) {
    return regionAttributes[region];
  }

  private void defineRegisters() {
    registers.define(Reg.Type).resetValue(REGIONS << 8).field("DREGION", 8, 8, Access.RO).build();
    registers
        .define(Reg.Ctrl)
        .flag("ENABLE", 0, Access.RW, f -> enable = f)
        .flag("HFNMIENA", 1, Access.RW)
        .flag("PRIVDEFENA", 2, Access.RW)
        .build();
    registers.define(Reg.Rnr).field("REGION", 0, 3, Access.RW, f -> regionNumber = f).build();
    // RBAR/RASR and their three aliases all address the region selected by RNR.
    for (int alias = 0; alias < 4; alias++) {
      String suffix = alias == 0 ? "" : "_A" + alias;
      registers
          .define("RBAR" + suffix, Reg.Rbar.offset() + 8L * alias)
          .field("RBAR", 0, 32, Access.RW)
          .readsAs(this::rbarValue)
          .onWrite(this::writeRbar)
          .build();
      registers
          .define("RASR" + suffix, Reg.Rasr.offset() + 8L * alias)
          .field("RASR", 0, 32, Access.RW)
          .readsAs(() -> regionAttributes[selected()])
          .onWrite(value -> regionAttributes[selected()] = value)
          .build();
    }
  }

  private int selected() {
    return (int) regionNumber.value();
  }

  private long rbarValue() {
    return regionBase[selected()] | selected();
  }

  /** With VALID set, the REGION bits of the write also select the region (and update RNR). */
  private void writeRbar(long value) {
    if ((value & RBAR_VALID) != 0) {
      regionNumber.set(value & (REGIONS - 1));
    }
    regionBase[selected()] = value & ~0x1FL;
  }
}
