package org.tinysim.emulator.debug;

import java.util.Arrays;
import org.tinysim.emulator.Machine;
import org.tinysim.emulator.bus.SystemBus;
import org.tinysim.emulator.memory.Stm32f746MemoryMap;

/**
 * The debugger's view of memory: RAM and flash directly, peripheral windows through their device
 * models (with their read side effects), in the widest aligned accesses that fit.
 */
final class TargetMemory {
  private final Machine machine;
  private final SystemBus bus;

  TargetMemory(Machine machine) {
    this.machine = machine;
    this.bus = machine.bus();
  }

  byte[] read(long address, int length) {
    byte[] out = new byte[length];
    int done = 0;
    while (done < length) {
      long a = address + done;
      if (inDevicePages(a)) {
        int width = widthAt(a, length - done);
        long value = window(a).device().read(a - window(a).base(), width);
        for (int i = 0; i < width; i++) {
          out[done + i] = (byte) (value >>> (8 * i));
        }
        done += width;
      } else {
        int n = (int) Math.min(length - done, nextDevicePage(a) - a);
        System.arraycopy(machine.cpu().readMemory(a, n), 0, out, done, n);
        done += n;
      }
    }
    return out;
  }

  void write(long address, byte[] data) {
    int done = 0;
    while (done < data.length) {
      long a = address + done;
      if (inDevicePages(a)) {
        int width = widthAt(a, data.length - done);
        long value = 0;
        for (int i = width - 1; i >= 0; i--) {
          value = (value << 8) | (data[done + i] & 0xff);
        }
        window(a).device().write(a - window(a).base(), width, value);
        done += width;
      } else {
        int n = (int) Math.min(data.length - done, nextDevicePage(a) - a);
        byte[] part = Arrays.copyOfRange(data, done, done + n);
        machine.cpu().writeMemory(a, part);
        if (a < Stm32f746MemoryMap.DTCM_BASE) {
          machine.cpu().flushTranslations(); // code (flash, ITCM) changed under the engine
        }
        done += n;
      }
    }
  }

  private SystemBus.DeviceWindow window(long address) {
    SystemBus.DeviceWindow w = bus.windowAt(address);
    if (w == null) {
      throw new IllegalArgumentException(String.format("no device model at 0x%08X", address));
    }
    return w;
  }

  private static int widthAt(long address, int remaining) {
    if ((address & 3) == 0 && remaining >= 4) {
      return 4;
    }
    return (address & 1) == 0 && remaining >= 2 ? 2 : 1;
  }

  /** Device pages are mapped to the bus, not to memory the engine can read directly. */
  private boolean inDevicePages(long address) {
    for (long[] run : bus.pageRuns()) {
      if (address >= run[0] && address < run[1]) {
        return true;
      }
    }
    return false;
  }

  private long nextDevicePage(long address) {
    long next = 0x1_0000_0000L;
    for (long[] run : bus.pageRuns()) {
      if (run[0] > address) {
        next = Math.min(next, run[0]);
      }
    }
    return next;
  }
}
