package org.tinysim.emulator.debug;

import java.util.ArrayList;
import java.util.List;
import org.tinysim.emulator.cpu.CoreRegister;
import org.tinysim.emulator.cpu.CpuBackend;

/**
 * The registers GDB sees, in the order of the target description: the M-profile core (r0-r12, sp,
 * lr, pc, xpsr), the FPU as d0-d15 and fpscr (GDB derives s0-s31 from them) and the system
 * registers MSP, PSP, PRIMASK, BASEPRI, FAULTMASK, CONTROL.
 */
final class RegisterFile {
  /** One register: its name, size in bytes and, for d0-d15, the two singles it is made of. */
  record Entry(
      String name, int bytes, CoreRegister register, CoreRegister low, CoreRegister high) {}

  static final List<Entry> ENTRIES;
  static final int PC = 15;

  static {
    List<Entry> all = new ArrayList<>();
    for (int i = 0; i < 13; i++) {
      all.add(new Entry("r" + i, 4, CoreRegister.core(i), null, null));
    }
    all.add(new Entry("sp", 4, CoreRegister.SP, null, null));
    all.add(new Entry("lr", 4, CoreRegister.LR, null, null));
    all.add(new Entry("pc", 4, CoreRegister.PC, null, null));
    all.add(new Entry("xpsr", 4, CoreRegister.XPSR, null, null));
    for (int i = 0; i < 16; i++) {
      all.add(
          new Entry("d" + i, 8, null, CoreRegister.single(2 * i), CoreRegister.single(2 * i + 1)));
    }
    all.add(new Entry("fpscr", 4, CoreRegister.FPSCR, null, null));
    all.add(new Entry("msp", 4, CoreRegister.MSP, null, null));
    all.add(new Entry("psp", 4, CoreRegister.PSP, null, null));
    all.add(new Entry("primask", 4, CoreRegister.PRIMASK, null, null));
    all.add(new Entry("basepri", 4, CoreRegister.BASEPRI, null, null));
    all.add(new Entry("faultmask", 4, CoreRegister.FAULTMASK, null, null));
    all.add(new Entry("control", 4, CoreRegister.CONTROL, null, null));
    ENTRIES = List.copyOf(all);
  }

  private RegisterFile() {}

  static long read(CpuBackend cpu, int number) {
    Entry e = ENTRIES.get(number);
    if (e.register() != null) {
      return Integer.toUnsignedLong(cpu.readRegister(e.register()));
    }
    return Integer.toUnsignedLong(cpu.readRegister(e.low()))
        | (Integer.toUnsignedLong(cpu.readRegister(e.high())) << 32);
  }

  static void write(CpuBackend cpu, int number, long value) {
    Entry e = ENTRIES.get(number);
    if (e.register() == CoreRegister.PC) {
      cpu.writeRegister(CoreRegister.PC, (int) value | 1); // always Thumb on an M-profile core
    } else if (e.register() != null) {
      cpu.writeRegister(e.register(), (int) value);
    } else {
      cpu.writeRegister(e.low(), (int) value);
      cpu.writeRegister(e.high(), (int) (value >>> 32));
    }
  }

  /** The target description GDB reads with {@code qXfer:features:read:target.xml}. */
  static String targetXml() {
    StringBuilder x =
        new StringBuilder(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
                + "<target version=\"1.0\">\n<architecture>arm</architecture>\n"
                + "<feature name=\"org.gnu.gdb.arm.m-profile\">\n");
    for (int i = 0; i < ENTRIES.size(); i++) {
      Entry e = ENTRIES.get(i);
      if (e.name().equals("d0")) {
        x.append("</feature>\n<feature name=\"org.gnu.gdb.arm.vfp\">\n");
      } else if (e.name().equals("msp")) {
        x.append("</feature>\n<feature name=\"org.gnu.gdb.arm.m-system\">\n");
      }
      String type =
          switch (e.name()) {
            case "sp", "msp", "psp" -> "data_ptr";
            case "pc" -> "code_ptr";
            default -> e.bytes() == 8 ? "ieee_double" : "uint32";
          };
      String group =
          e.bytes() == 8 || e.name().equals("fpscr")
              ? " group=\"float\""
              : i > RegisterFile.PC + 1 ? " group=\"system\"" : "";
      x.append(
          String.format(
              "<reg name=\"%s\" bitsize=\"%d\" regnum=\"%d\" type=\"%s\"%s/>\n",
              e.name(), e.bytes() * 8, i, type, group));
    }
    return x.append("</feature>\n</target>\n").toString();
  }
}
