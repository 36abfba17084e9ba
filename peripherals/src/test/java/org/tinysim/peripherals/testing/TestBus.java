package org.tinysim.peripherals.testing;

import java.util.List;
import org.tinysim.peripherals.board.DeviceMapping;

/** Routes absolute-address word accesses to the mapped device, like the system bus does. */
public final class TestBus {
  private final List<DeviceMapping> mappings;

  public TestBus(List<DeviceMapping> mappings) {
    this.mappings = mappings;
  }

  public long read(long address) {
    DeviceMapping mapping = find(address);
    return mapping.device().read(address - mapping.baseAddress(), 4);
  }

  public void write(long address, long value) {
    DeviceMapping mapping = find(address);
    mapping.device().write(address - mapping.baseAddress(), 4, value);
  }

  public void setBits(long address, long bits) {
    write(address, read(address) | bits);
  }

  /** Polls like firmware does, failing instead of hanging if the bits never come up. */
  public void waitFor(long address, long bits) {
    for (int attempt = 0; attempt < 1000; attempt++) {
      if ((read(address) & bits) == bits) {
        return;
      }
    }
    throw new AssertionError(String.format("bits 0x%X at 0x%08X never set", bits, address));
  }

  private DeviceMapping find(long address) {
    return mappings.stream()
        .filter(m -> address >= m.baseAddress() && address < m.endAddress())
        .findFirst()
        .orElseThrow(() -> new AssertionError(String.format("no device at 0x%08X", address)));
  }
}
