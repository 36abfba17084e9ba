package org.tinysim.peripherals.board;

import org.tinysim.emulator.bus.MmioDevice;

/** A device and the absolute address its window starts at. */
public record DeviceMapping(long baseAddress, MmioDevice device) {
  public long endAddress() {
    return baseAddress + device.size();
  }
}
