package org.tinysim.emulator.unicorn.internal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * JNA direct mapping of the Unicorn calls the host makes many times per exception or MMIO access
 * (register and memory transfers). Direct calls skip the interface proxy, several times cheaper;
 * same C signatures as in {@link UnicornLib}.
 */
public final class UnicornDirect {
  static {
    Native.register(UnicornDirect.class, "unicorn");
  }

  private UnicornDirect() {}

  public static native int uc_reg_read(Pointer uc, int regid, Pointer value);

  public static native int uc_reg_write(Pointer uc, int regid, Pointer value);

  public static native int uc_mem_read(Pointer uc, long address, byte[] bytes, long size);

  public static native int uc_mem_write(Pointer uc, long address, byte[] bytes, long size);

  public static native int uc_emu_stop(Pointer uc);
}
