package org.tinysim.emulator.cpu;

import com.sun.jna.Memory;

/**
 * Host memory that backs one emulated RAM or flash region. The same block may be mapped at several
 * guest addresses (flash and its ITCM alias), and the host reads it directly, without going through
 * the engine, e.g. for SRAM watermark scans.
 */
public final class HostMemory {
  private final Memory memory;
  private final long size;

  public HostMemory(long size) {
    this.size = size;
    this.memory = new Memory(size);
    memory.clear();
  }

  public long size() {
    return size;
  }

  public Memory pointer() {
    return memory;
  }

  public void write(long offset, byte[] data) {
    checkRange(offset, data.length);
    memory.write(offset, data, 0, data.length);
  }

  public byte[] read(long offset, int length) {
    checkRange(offset, length);
    return memory.getByteArray(offset, length);
  }

  public int readInt(long offset) {
    checkRange(offset, 4);
    return memory.getInt(offset);
  }

  public void fill(long offset, long length, int pattern) {
    checkRange(offset, length);
    for (long i = 0; i < length; i += 4) {
      memory.setInt(offset + i, pattern);
    }
  }

  private void checkRange(long offset, long length) {
    if (offset < 0 || length < 0 || offset + length > size) {
      throw new IndexOutOfBoundsException(
          "host memory access ["
              + offset
              + ", +"
              + length
              + ") outside a block of "
              + size
              + " bytes");
    }
  }
}
