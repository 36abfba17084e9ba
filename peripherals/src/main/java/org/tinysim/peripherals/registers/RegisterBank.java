package org.tinysim.peripherals.registers;

import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * The registers of one device, keyed by word-aligned offset. Translates byte and halfword bus
 * accesses onto the 32-bit registers so that only the addressed bytes' fields are affected.
 */
public final class RegisterBank {
  private static final Logger LOG = Logger.getLogger(RegisterBank.class.getName());

  private final String deviceName;
  private final Map<Long, Register> registers = new TreeMap<>();

  public RegisterBank(String deviceName) {
    this.deviceName = deviceName;
  }

  public String deviceName() {
    return deviceName;
  }

  /** Starts declaring the register at {@code reg.offset()}, named after the enum constant. */
  public Register.Builder define(RegisterOffset reg) {
    return define(reg.name().toUpperCase(Locale.ROOT), reg.offset());
  }

  /** Starts declaring element {@code index} of a register array (4 bytes apart). */
  public Register.Builder define(RegisterOffset reg, int index) {
    return define(reg.name().toUpperCase(Locale.ROOT) + index, reg.offset() + 4L * index);
  }

  public Register.Builder define(String name, long offset) {
    if ((offset & 3) != 0 || offset < 0) {
      throw new IllegalArgumentException(
          String.format(
              "%s: register %s offset 0x%X is not word aligned", deviceName, name, offset));
    }
    return new Register.Builder(this, name, offset);
  }

  void add(Register register) {
    Register previous = registers.putIfAbsent(register.offset(), register);
    if (previous != null) {
      throw new IllegalArgumentException(
          String.format(
              "%s: %s and %s both at offset 0x%X",
              deviceName, previous.name(), register.name(), register.offset()));
    }
  }

  /** The register at {@code offset}; throws if none is defined there. */
  public Register register(long offset) {
    Register register = registers.get(offset);
    if (register == null) {
      throw new IllegalArgumentException(
          String.format("%s: no register at offset 0x%X", deviceName, offset));
    }
    return register;
  }

  public Register register(RegisterOffset reg) {
    return register(reg.offset());
  }

  public Collection<Register> registers() {
    return Collections.unmodifiableCollection(registers.values());
  }

  public long read(long offset, int width) {
    long lanes = laneBits(offset, width);
    int shift = shift(offset);
    Register register = registers.get(offset & ~3L);
    if (register == null) {
      LOG.warning(
          () -> String.format("%s: read of undefined offset 0x%X returns 0", deviceName, offset));
      return 0;
    }
    return register.read(lanes) >>> shift;
  }

  public void write(long offset, int width, long value) {
    long lanes = laneBits(offset, width);
    int shift = shift(offset);
    Register register = registers.get(offset & ~3L);
    if (register == null) {
      LOG.warning(
          () ->
              String.format(
                  "%s: write 0x%X to undefined offset 0x%X ignored", deviceName, value, offset));
      return;
    }
    register.write((value << shift) & lanes, lanes);
  }

  public void reset() {
    registers.values().forEach(Register::reset);
  }

  private long laneBits(long offset, int width) {
    if (width != 1 && width != 2 && width != 4) {
      throw new IllegalArgumentException(
          deviceName + ": access width must be 1, 2 or 4 bytes, not " + width);
    }
    if (offset % width != 0) {
      throw new IllegalArgumentException(
          String.format("%s: unaligned %d-byte access at offset 0x%X", deviceName, width, offset));
    }
    long bytes = width == 4 ? 0xFFFF_FFFFL : (1L << (8 * width)) - 1;
    return bytes << shift(offset);
  }

  private static int shift(long offset) {
    return (int) (offset & 3) * 8;
  }
}
