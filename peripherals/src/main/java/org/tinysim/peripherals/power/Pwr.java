package org.tinysim.peripherals.power;

import org.tinysim.peripherals.registers.Access;
import org.tinysim.peripherals.registers.Field;
import org.tinysim.peripherals.registers.RegisterDevice;
import org.tinysim.peripherals.registers.RegisterOffset;

/**
 * Power controller (base 0x40007000). The regulator settles instantly: VOSRDY is always set and the
 * over-drive ready flags follow their enables, so the 216 MHz over-drive sequence completes.
 */
public final class Pwr extends RegisterDevice {
  public static final long BASE = 0x40007000L;

  /** Voltage scale 1 selected out of reset. */
  private static final long CR1_RESET = 0x0000C000L;

  enum Reg implements RegisterOffset {
    Cr1(0x00),
    Csr1(0x04),
    Cr2(0x08),
    Csr2(0x0C);

    private final long offset;

    Reg(long offset) {
      this.offset = offset;
    }

    @Override
    public long offset() {
      return offset;
    }
  }

  private Field overDriveEnable;
  private Field overDriveSwitchEnable;
  private Field voltageScaling;

  public Pwr() {
    super("PWR", 0x400);
    defineRegisters();
  }

  public boolean overDriveActive() {
    return overDriveEnable.isSet() && overDriveSwitchEnable.isSet();
  }

  /** CR1.VOS: 1 = scale 3, 2 = scale 2, 3 = scale 1. */
  public int voltageScale() {
    return (int) voltageScaling.value();
  }

  private void defineRegisters() {
    registers
        .define(Reg.Cr1)
        .resetValue(CR1_RESET)
        .flag("LPDS", 0, Access.RW)
        .flag("PDDS", 1, Access.RW)
        .flag("CSBF", 3, Access.WO)
        .flag("PVDE", 4, Access.RW)
        .field("PLS", 5, 3, Access.RW)
        .flag("DBP", 8, Access.RW)
        .flag("FPDS", 9, Access.RW)
        .flag("LPUDS", 10, Access.RW)
        .flag("MRUDS", 11, Access.RW)
        .flag("ADCDC1", 13, Access.RW)
        .field("VOS", 14, 2, Access.RW, f -> voltageScaling = f)
        .flag("ODEN", 16, Access.RW, f -> overDriveEnable = f)
        .flag("ODSWEN", 17, Access.RW, f -> overDriveSwitchEnable = f)
        .field("UDEN", 18, 2, Access.RW)
        .build();
    registers
        .define(Reg.Csr1)
        .flag("WUIF", 0, Access.RO)
        .flag("SBF", 1, Access.RO)
        .flag("PVDO", 2, Access.RO)
        .flag("BRR", 3, Access.RO)
        .flag("EIWUP", 8, Access.RW)
        .flag("BRE", 9, Access.RW)
        .flag("VOSRDY", 14, Access.RO)
        .readsAs(() -> 1)
        .flag("ODRDY", 16, Access.RO)
        .readsAs(() -> overDriveEnable.value())
        .flag("ODSWRDY", 17, Access.RO)
        .readsAs(() -> overDriveActive() ? 1 : 0)
        .field("UDRDY", 18, 2, Access.RW1C)
        .build();
    registers.define(Reg.Cr2).field("WAKEUP_CONTROL", 0, 14, Access.RW).build();
    registers.define(Reg.Csr2).field("WAKEUP_CONTROL", 0, 14, Access.RW).build();
  }
}
