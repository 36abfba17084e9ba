package org.tinysim.peripherals.cortexm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.tinysim.peripherals.registers.Access;
import org.tinysim.peripherals.registers.Field;
import org.tinysim.peripherals.registers.RegisterDevice;
import org.tinysim.peripherals.registers.RegisterOffset;

/**
 * Core debug registers (base 0xE000EDF0). Only DEMCR matters to firmware: its TRCENA bit powers the
 * DWT cycle counter. The halting-debug registers are not modelled (no debugger attached).
 */
public final class DebugControl extends RegisterDevice {
  public static final long BASE = 0xE000EDF0L;

  enum Reg implements RegisterOffset {
    Dhcsr(0x0),
    Dcrsr(0x4),
    Dcrdr(0x8),
    Demcr(0xC);

    private final long offset;

    Reg(long offset) {
      this.offset = offset;
    }

    @Override
    public long offset() {
      return offset;
    }
  }

  private final List<Consumer<Boolean>> traceEnableListeners = new ArrayList<>();
  private Field traceEnable;

  public DebugControl() {
    super("DCB", 0x10);
    defineRegisters();
  }

  public boolean traceEnabled() {
    return traceEnable.isSet();
  }

  /** Told about every change of DEMCR.TRCENA. */
  public void addTraceEnableListener(Consumer<Boolean> listener) {
    traceEnableListeners.add(listener);
  }

  private void defineRegisters() {
    registers.define(Reg.Dhcsr).tag("DHCSR", 0, 32).build();
    registers.define(Reg.Dcrsr).tag("DCRSR", 0, 32).build();
    registers.define(Reg.Dcrdr).field("DBGTMP", 0, 32, Access.RW).build();
    registers
        .define(Reg.Demcr)
        .field("VECTOR_CATCH", 0, 11, Access.RW)
        .field("MONITOR", 16, 4, Access.RW)
        .flag("TRCENA", 24, Access.RW, f -> traceEnable = f)
        .onChange((was, now) -> traceEnableListeners.forEach(l -> l.accept(now != 0)))
        .build();
  }
}
