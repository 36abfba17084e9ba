package org.tinysim.peripherals.registers;

import org.tinysim.emulator.bus.MmioDevice;

/**
 * Base of devices whose whole state is a {@link RegisterBank}: bus accesses go straight to the
 * bank. Subclasses declare their registers in their constructor.
 */
public abstract class RegisterDevice implements MmioDevice {
  protected final RegisterBank registers;
  private final String name;
  private final long size;

  protected RegisterDevice(String name, long size) {
    if (size <= 0) {
      throw new IllegalArgumentException(name + ": window size must be positive, not " + size);
    }
    this.name = name;
    this.size = size;
    this.registers = new RegisterBank(name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public long read(long offset, int width) {
    return registers.read(offset, width);
  }

  @Override
  public void write(long offset, int width, long value) {
    registers.write(offset, width, value);
  }

  /** Register values as after a system reset. */
  public void reset() {
    registers.reset();
  }

  /** Direct access for the board and tests, bypassing bus side effects. */
  public RegisterBank registers() {
    return registers;
  }
}
