package org.tinysim.peripherals.interrupts;

/**
 * A device's interrupt output. The device only drives the level; the board decides where it goes,
 * so devices never know about the NVIC.
 */
public final class IrqLine {
  private final String source;
  private IrqListener listener;
  private boolean high;

  public IrqLine(String source) {
    this.source = source;
  }

  public String source() {
    return source;
  }

  /** Wires the line to its one receiver. */
  public void connect(IrqListener receiver) {
    if (listener != null) {
      throw new IllegalStateException("interrupt line of " + source + " is already connected");
    }
    listener = receiver;
    if (high) {
      receiver.levelChanged(true);
    }
  }

  /** Drives the line; the receiver only hears about actual level changes. */
  public void set(boolean level) {
    if (level == high) {
      return;
    }
    high = level;
    if (listener != null) {
      listener.levelChanged(level);
    }
  }

  /** A single edge, for event-style sources such as the SysTick wrap. */
  public void pulse() {
    set(true);
    set(false);
  }

  public boolean isHigh() {
    return high;
  }
}
