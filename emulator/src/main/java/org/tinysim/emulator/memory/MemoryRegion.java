package org.tinysim.emulator.memory;

/** One contiguous region of the address map, with the facts reports need. */
public record MemoryRegion(
    String name, long start, long size, RegionKind kind, boolean writable, boolean executable) {

  public long end() {
    return start + size;
  }

  public boolean contains(long address) {
    return address >= start && address < end();
  }

  public boolean contains(long address, long length) {
    return address >= start && address + length <= end();
  }
}
