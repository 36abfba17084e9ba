package org.tinysim.emulator.elf;

/** A function or object symbol of the firmware (Thumb bit cleared from function addresses). */
public record ElfSymbol(String name, long address, long size, boolean function) {

  public boolean contains(long a) {
    return a >= address && a < address + Math.max(size, 1);
  }
}
