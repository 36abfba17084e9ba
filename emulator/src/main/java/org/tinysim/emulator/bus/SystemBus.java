package org.tinysim.emulator.bus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tinysim.emulator.cpu.CpuBackend;

/**
 * Dispatches device-page accesses to the device whose real window contains the address. The engine
 * maps MMIO only in 4 KiB pages (and USART1/USART6 share one), so the bus maps pages and reports
 * any access that lands in a page but in no device as a hole.
 */
public final class SystemBus implements CpuBackend.MmioHandler {
  public static final long PAGE_SIZE = 4096;

  private final TreeMap<Long, DeviceWindow> windows = new TreeMap<>();
  private final HoleListener holeListener;

  /** A device at its base address. */
  public record DeviceWindow(long base, MmioDevice device) {
    public long end() {
      return base + device.size();
    }
  }

  /** Told about an access that hit no device. The access itself reads as 0. */
  public interface HoleListener {
    void onHole(long address, int width, boolean write);
  }

  public SystemBus(HoleListener holeListener) {
    this.holeListener = holeListener;
  }

  public void attach(long base, MmioDevice device) {
    DeviceWindow window = new DeviceWindow(base, device);
    Map.Entry<Long, DeviceWindow> below = windows.floorEntry(window.end() - 1);
    if (below != null && below.getValue().end() > base) {
      throw new IllegalArgumentException(
          String.format(
              "%s at 0x%08X overlaps %s at 0x%08X",
              device.name(), base, below.getValue().device().name(), below.getKey()));
    }
    windows.put(base, window);
  }

  public List<DeviceWindow> windows() {
    return List.copyOf(windows.values());
  }

  /** Maximal runs of 4 KiB pages touched by any device, as [start, end) pairs. */
  public List<long[]> pageRuns() {
    List<long[]> runs = new ArrayList<>();
    for (DeviceWindow w : windows.values()) {
      long start = w.base() & ~(PAGE_SIZE - 1);
      long end = (w.end() + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
      long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (last != null && start <= last[1]) {
        last[1] = Math.max(last[1], end);
      } else {
        runs.add(new long[] {start, end});
      }
    }
    return runs;
  }

  /** The device window containing {@code address}, or null. */
  public DeviceWindow windowAt(long address) {
    Map.Entry<Long, DeviceWindow> e = windows.floorEntry(address);
    return e != null && address < e.getValue().end() ? e.getValue() : null;
  }

  @Override
  public long read(long address, int width) {
    DeviceWindow w = windowAt(address);
    if (w == null) {
      holeListener.onHole(address, width, false);
      return 0;
    }
    return w.device().read(address - w.base(), width);
  }

  @Override
  public void write(long address, int width, long value) {
    DeviceWindow w = windowAt(address);
    if (w == null) {
      holeListener.onHole(address, width, true);
      return;
    }
    w.device().write(address - w.base(), width, value);
  }
}
