package org.tinysim.peripherals.cortexm;

import org.tinysim.emulator.exceptions.ExceptionNumber;
import org.tinysim.emulator.exceptions.FpContextControl;
import org.tinysim.peripherals.registers.Access;
import org.tinysim.peripherals.registers.Field;
import org.tinysim.peripherals.registers.RegisterDevice;
import org.tinysim.peripherals.registers.RegisterOffset;

/**
 * The top of the system control space (base 0xE000EF00): the NVIC software trigger, FPU context
 * control, cache maintenance operations and the Cortex-M7 TCM/AHBP/cache control registers. Caches
 * are not simulated, so maintenance writes are accepted and only counted.
 */
public final class CacheAndFpuControl extends RegisterDevice implements FpContextControl {
  public static final long BASE = 0xE000EF00L;

  /** Single-precision FPU feature registers of a Cortex-M7 with FPv5-SP. */
  static final long MVFR0_VALUE = 0x10110021L;

  static final long MVFR1_VALUE = 0x11000011L;
  static final long MVFR2_VALUE = 0x00000040L;

  /** TCMs enabled out of reset on the F746: 16 KiB ITCM (size code 5), 64 KiB DTCM (code 7). */
  private static final long ITCMCR_RESET = (5 << 3) | 1;

  private static final long DTCMCR_RESET = (7 << 3) | 1;

  enum Reg implements RegisterOffset {
    Stir(0x00),
    Fpccr(0x34),
    Fpcar(0x38),
    Fpdscr(0x3C),
    Mvfr0(0x40),
    Mvfr1(0x44),
    Mvfr2(0x48),
    Iciallu(0x50),
    Icimvau(0x58),
    Dcimvac(0x5C),
    Dcisw(0x60),
    Dccmvau(0x64),
    Dccmvac(0x68),
    Dccsw(0x6C),
    Dccimvac(0x70),
    Dccisw(0x74),
    Bpiall(0x78),
    Itcmcr(0x90),
    Dtcmcr(0x94),
    Ahbpcr(0x98),
    Cacr(0x9C),
    Ahbscr(0xA0),
    Abfsr(0xA8);

    private final long offset;

    Reg(long offset) {
      this.offset = offset;
    }

    @Override
    public long offset() {
      return offset;
    }
  }

  private static final Reg[] MAINTENANCE_OPERATIONS = {
    Reg.Iciallu,
    Reg.Icimvau,
    Reg.Dcimvac,
    Reg.Dcisw,
    Reg.Dccmvau,
    Reg.Dccmvac,
    Reg.Dccsw,
    Reg.Dccimvac,
    Reg.Dccisw,
    Reg.Bpiall
  };

  private final ExceptionTable exceptions;
  private long maintenanceOperations;
  private Field fpccr;
  private Field fpcarAddress;

  public CacheAndFpuControl(ExceptionTable exceptions) {
    super("SCB_EXT", 0x100);
    this.exceptions = exceptions;
    defineRegisters();
  }

  /** Number of cache maintenance writes seen since reset. */
  public long maintenanceOperations() {
    return maintenanceOperations;
  }

  @Override
  public void reset() {
    super.reset();
    maintenanceOperations = 0;
  }

  private void defineRegisters() {
    registers
        .define(Reg.Stir)
        .field("INTID", 0, 9, Access.WO)
        .onWrite(this::triggerInterrupt)
        .build();
    registers
        .define(Reg.Fpccr)
        .resetValue(Integer.toUnsignedLong(FpContextControl.RESET))
        .field("FPCCR", 0, 32, Access.RW, f -> fpccr = f)
        .build();
    registers.define(Reg.Fpcar).field("ADDRESS", 3, 29, Access.RW, f -> fpcarAddress = f).build();
    registers.define(Reg.Fpdscr).field("FPDSCR", 22, 5, Access.RW).build();
    registers.define(Reg.Mvfr0).resetValue(MVFR0_VALUE).field("MVFR0", 0, 32, Access.RO).build();
    registers.define(Reg.Mvfr1).resetValue(MVFR1_VALUE).field("MVFR1", 0, 32, Access.RO).build();
    registers.define(Reg.Mvfr2).resetValue(MVFR2_VALUE).field("MVFR2", 0, 32, Access.RO).build();
    for (Reg operation : MAINTENANCE_OPERATIONS) {
      registers
          .define(operation)
          .field("OPERAND", 0, 32, Access.WO)
          .onWrite(ignored -> maintenanceOperations++)
          .build();
    }
    registers.define(Reg.Itcmcr).resetValue(ITCMCR_RESET).field("ITCMCR", 0, 7, Access.RW).build();
    registers.define(Reg.Dtcmcr).resetValue(DTCMCR_RESET).field("DTCMCR", 0, 7, Access.RW).build();
    registers.define(Reg.Ahbpcr).field("AHBPCR", 0, 4, Access.RW).build();
    registers.define(Reg.Cacr).field("CACR", 0, 3, Access.RW).build();
    registers.define(Reg.Ahbscr).field("AHBSCR", 0, 16, Access.RW).build();
    registers.define(Reg.Abfsr).field("ABFSR", 0, 10, Access.RW1C).build();
  }

  @Override
  public int fpccr() {
    return (int) fpccr.value();
  }

  @Override
  public void setFpccr(int value) {
    fpccr.set(Integer.toUnsignedLong(value));
  }

  @Override
  public void setFpcar(int address) {
    fpcarAddress.set(Integer.toUnsignedLong(address) >>> 3);
  }

  /** STIR: software-generated interrupt; IDs beyond the implemented IRQs are ignored. */
  private void triggerInterrupt(long interruptId) {
    if (interruptId < exceptions.irqCount()) {
      exceptions.setPending(ExceptionNumber.FIRST_IRQ + (int) interruptId);
    }
  }
}
