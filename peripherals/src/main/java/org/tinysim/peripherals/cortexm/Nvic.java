package org.tinysim.peripherals.cortexm;

import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import org.tinysim.emulator.exceptions.ExceptionNumber;
import org.tinysim.peripherals.registers.Access;
import org.tinysim.peripherals.registers.Register;
import org.tinysim.peripherals.registers.RegisterDevice;
import org.tinysim.peripherals.registers.RegisterOffset;

/**
 * NVIC register view (base 0xE000E100): enable, pending, active and priority of external IRQs. STIR
 * lives at 0xE000EF00, in {@link CacheAndFpuControl}'s window.
 */
public final class Nvic extends RegisterDevice {
  public static final long BASE = 0xE000E100L;
  private static final int WORDS = 8;

  enum Reg implements RegisterOffset {
    Iser(0x000),
    Icer(0x080),
    Ispr(0x100),
    Icpr(0x180),
    Iabr(0x200),
    Ipr(0x300);

    private final long offset;

    Reg(long offset) {
      this.offset = offset;
    }

    @Override
    public long offset() {
      return offset;
    }
  }

  private final ExceptionTable exceptions;

  public Nvic(ExceptionTable exceptions) {
    super("NVIC", 0x3F0);
    this.exceptions = exceptions;
    defineRegisters();
  }

  /**
   * Set/clear registers are write-one-to-act: each is declared RW1S so that unwritten bytes act as
   * zeros, reads come from the exception table and the stored value goes unused.
   */
  private void defineRegisters() {
    for (int word = 0; word < WORDS; word++) {
      int first = 32 * word;
      registers
          .define(Reg.Iser, word)
          .field("SETENA", 0, 32, Access.RW1S)
          .readsAs(() -> bitsOf(first, exceptions::isEnabled))
          .onWrite(bits -> forEachIrq(first, bits, irq -> exceptions.setEnabled(irq, true)))
          .build();
      registers
          .define(Reg.Icer, word)
          .field("CLRENA", 0, 32, Access.RW1S)
          .readsAs(() -> bitsOf(first, exceptions::isEnabled))
          .onWrite(bits -> forEachIrq(first, bits, irq -> exceptions.setEnabled(irq, false)))
          .build();
      registers
          .define(Reg.Ispr, word)
          .field("SETPEND", 0, 32, Access.RW1S)
          .readsAs(() -> bitsOf(first, exceptions::isPending))
          .onWrite(bits -> forEachIrq(first, bits, exceptions::setPending))
          .build();
      registers
          .define(Reg.Icpr, word)
          .field("CLRPEND", 0, 32, Access.RW1S)
          .readsAs(() -> bitsOf(first, exceptions::isPending))
          .onWrite(bits -> forEachIrq(first, bits, exceptions::clearPending))
          .build();
      registers
          .define(Reg.Iabr, word)
          .field("ACTIVE", 0, 32, Access.RO)
          .readsAs(() -> bitsOf(first, exceptions::isActive))
          .build();
    }
    int priorityWords = (exceptions.irqCount() + 3) / 4;
    for (int word = 0; word < priorityWords; word++) {
      Register.Builder ipr = registers.define(Reg.Ipr, word);
      for (int lane = 0; lane < 4; lane++) {
        int irq = 4 * word + lane;
        if (irq < exceptions.irqCount()) {
          definePriorityField(ipr, irq, lane);
        }
      }
      ipr.build();
    }
  }

  /** Each byte holds one IRQ's priority; only its upper nibble is implemented. */
  private void definePriorityField(Register.Builder ipr, int irq, int lane) {
    int exception = ExceptionNumber.FIRST_IRQ + irq;
    ipr.field("PRI_" + irq, 8 * lane + 4, 4, Access.RW)
        .readsAs(() -> exceptions.priorityOf(exception) >>> 4)
        .onWrite(value -> exceptions.setPriority(exception, (int) value << 4));
  }

  private long bitsOf(int firstIrq, IntPredicate state) {
    long bits = 0;
    for (int bit = 0; bit < 32 && firstIrq + bit < exceptions.irqCount(); bit++) {
      if (state.test(ExceptionNumber.FIRST_IRQ + firstIrq + bit)) {
        bits |= 1L << bit;
      }
    }
    return bits;
  }

  /** Applies {@code action} to the exception number of each IRQ whose bit is set. */
  private void forEachIrq(int firstIrq, long bits, IntConsumer action) {
    for (int bit = 0; bit < 32 && firstIrq + bit < exceptions.irqCount(); bit++) {
      if ((bits & (1L << bit)) != 0) {
        action.accept(ExceptionNumber.FIRST_IRQ + firstIrq + bit);
      }
    }
  }
}
