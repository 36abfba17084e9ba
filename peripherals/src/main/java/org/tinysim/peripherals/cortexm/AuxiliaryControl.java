package org.tinysim.peripherals.cortexm;

import org.tinysim.peripherals.registers.Access;
import org.tinysim.peripherals.registers.RegisterDevice;
import org.tinysim.peripherals.registers.RegisterOffset;

/**
 * Start of the system control space (base 0xE000E000): the interrupt controller type register,
 * which tells software how many NVIC words exist, and the auxiliary control register (stored only).
 */
public final class AuxiliaryControl extends RegisterDevice {
  public static final long BASE = 0xE000E000L;

  enum Reg implements RegisterOffset {
    Ictr(0x4),
    Actlr(0x8);

    private final long offset;

    Reg(long offset) {
      this.offset = offset;
    }

    @Override
    public long offset() {
      return offset;
    }
  }

  public AuxiliaryControl(int irqCount) {
    super("ICTR", 0x10);
    if (irqCount < 1 || irqCount > 496) {
      throw new IllegalArgumentException("an NVIC has 1..496 interrupts, not " + irqCount);
    }
    defineRegisters(irqCount);
  }

  private void defineRegisters(int irqCount) {
    // INTLINESNUM counts 32-line groups beyond the first.
    long intLinesNum = (irqCount + 31) / 32 - 1;
    registers
        .define(Reg.Ictr)
        .resetValue(intLinesNum)
        .field("INTLINESNUM", 0, 4, Access.RO)
        .build();
    registers.define(Reg.Actlr).field("ACTLR", 0, 32, Access.RW).build();
  }
}
