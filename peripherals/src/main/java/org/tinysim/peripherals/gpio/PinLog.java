package org.tinysim.peripherals.gpio;

import java.util.ArrayList;
import java.util.List;

/** Records output pin changes as lines such as "GPIOI pin 1 -> 1 at cycle 1234". */
public final class PinLog implements PinChangeListener {
  private final List<String> lines = new ArrayList<>();

  @Override
  public synchronized void pinChanged(String port, int pin, boolean level, long cycle) {
    lines.add(port + " pin " + pin + " -> " + (level ? 1 : 0) + " at cycle " + cycle);
  }

  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  public synchronized void clear() {
    lines.clear();
  }
}
