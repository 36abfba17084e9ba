package org.tinysim.emulator.bus;

/**
 * A memory-mapped device on the system bus. Offsets are relative to the device's base address; the
 * bus only forwards accesses that fall inside {@link #size()} bytes.
 */
public interface MmioDevice {
  /** Name used in fault reports and logs, e.g. "USART1". */
  String name();

  /** Size of the device's address window in bytes (need not be a multiple of 4 KiB). */
  long size();

  /** Reads {@code width} bytes (1, 2 or 4) at {@code offset}; the value is zero-extended. */
  long read(long offset, int width);

  /** Writes the low {@code width} bytes (1, 2 or 4) of {@code value} at {@code offset}. */
  void write(long offset, int width, long value);
}
