package org.tinysim.emulator.run;

import org.tinysim.emulator.cpu.CpuBackend;
import org.tinysim.emulator.cpu.CycleCounter;

/**
 * Finds which instruction of the running block performs a device access, so a mid-block clock read
 * (DWT->CYCCNT) is exact to the instruction. The search is the native hook's ({@code
 * tinysim_hook.c}, {@code locate}), shared with the registers it serves without Java, so both see
 * one sequence of accesses per block execution. It runs only when a device asks for the time during
 * the access, so ordinary register traffic costs one field write.
 */
public final class DeviceAccessLocator implements CpuBackend.MmioHandler {
  private final CycleCounter counter;
  private final CpuBackend.MmioHandler bus;
  private long accessAddress = -1;
  private int cyclesIntoBlock;
  private boolean located;

  public DeviceAccessLocator(CycleCounter counter, CpuBackend.MmioHandler bus) {
    this.counter = counter;
    this.bus = bus;
  }

  @Override
  public long read(long address, int width) {
    accessAddress = address;
    located = false;
    try {
      return bus.read(address, width);
    } finally {
      accessAddress = -1;
    }
  }

  @Override
  public void write(long address, int width, long value) {
    accessAddress = address;
    located = false;
    try {
      bus.write(address, width, value);
    } finally {
      accessAddress = -1;
    }
  }

  /**
   * Cycles from the block's start to the instruction doing the current device access; -1 if
   * unknown.
   */
  public int cyclesIntoBlock() {
    if (accessAddress < 0) {
      return -1;
    }
    if (!located) { // a device may ask for the time more than once per access
      cyclesIntoBlock = counter.cyclesIntoBlockAt(accessAddress);
      located = true;
    }
    return cyclesIntoBlock;
  }
}
