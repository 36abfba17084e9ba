package org.tinysim.peripherals.board;

/** One row of the board's device table. {@code irq} is the NVIC line, or {@link #NO_IRQ}. */
record DeviceEntry(String name, DeviceKind kind, long base, int irq) {
  static final int NO_IRQ = -1;

  static DeviceEntry of(String name, DeviceKind kind, long base) {
    return new DeviceEntry(name, kind, base, NO_IRQ);
  }

  static DeviceEntry of(String name, DeviceKind kind, long base, int irq) {
    return new DeviceEntry(name, kind, base, irq);
  }
}
