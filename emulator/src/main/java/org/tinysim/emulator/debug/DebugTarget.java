package org.tinysim.emulator.debug;

import org.tinysim.emulator.Machine;

/** What the GDB server debugs: a machine with the firmware loaded, which can be reset. */
public interface DebugTarget {
  Machine machine();

  /**
   * Replaces the machine with a fresh one, the firmware loaded as at power-on (a {@link Machine}
   * runs one firmware once, so a reset is a new board).
   */
  void reset();
}
