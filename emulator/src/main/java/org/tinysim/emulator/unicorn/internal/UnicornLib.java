package org.tinysim.emulator.unicorn.internal;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * 1:1 mirror of the parts of {@code unicorn.h} (Unicorn 2.0.1) that tinysim calls. Names follow the
 * C API on purpose; idiomatic Java lives in {@code org.tinysim.emulator.cpu}.
 */
public interface UnicornLib extends Library {

  UnicornLib INSTANCE = Native.load("unicorn", UnicornLib.class);

  int UC_ARCH_ARM = 1;
  int UC_MODE_THUMB = 16;
  int UC_CPU_ARM_CORTEX_M7 = 10;

  int UC_PROT_READ = 1;
  int UC_PROT_WRITE = 2;
  int UC_PROT_EXEC = 4;

  int UC_HOOK_INTR = 1;
  int UC_HOOK_CODE = 4;
  int UC_HOOK_MEM_READ_UNMAPPED = 16;
  int UC_HOOK_MEM_WRITE_UNMAPPED = 32;
  int UC_HOOK_MEM_FETCH_UNMAPPED = 64;
  int UC_HOOK_MEM_READ_PROT = 128;
  int UC_HOOK_MEM_WRITE_PROT = 256;
  int UC_HOOK_MEM_FETCH_PROT = 512;
  int UC_HOOK_MEM_INVALID =
      UC_HOOK_MEM_READ_UNMAPPED
          | UC_HOOK_MEM_WRITE_UNMAPPED
          | UC_HOOK_MEM_FETCH_UNMAPPED
          | UC_HOOK_MEM_READ_PROT
          | UC_HOOK_MEM_WRITE_PROT
          | UC_HOOK_MEM_FETCH_PROT;

  int UC_MEM_READ_UNMAPPED = 19;
  int UC_MEM_WRITE_UNMAPPED = 20;
  int UC_MEM_FETCH_UNMAPPED = 21;
  int UC_MEM_WRITE_PROT = 22;
  int UC_MEM_READ_PROT = 23;
  int UC_MEM_FETCH_PROT = 24;

  int UC_ERR_OK = 0;
  int UC_ERR_INSN_INVALID = 10;
  int UC_ERR_EXCEPTION = 21;

  /** UC_CTL_WRITE(UC_CTL_CPU_MODEL, 1). */
  int UC_CTL_CPU_MODEL_WRITE = (7) | (1 << 26) | (1 << 30);

  /** UC_CTL_READ(UC_CTL_CPU_MODEL, 1). */
  int UC_CTL_CPU_MODEL_READ = (7) | (1 << 26) | (2 << 30);

  /** UC_CTL_WRITE(UC_CTL_TB_FLUSH, 0). */
  int UC_CTL_TB_FLUSH_WRITE = (10) | (1 << 30);

  int uc_version(Pointer major, Pointer minor);

  int uc_open(int arch, int mode, PointerByReference uc);

  int uc_close(Pointer uc);

  String uc_strerror(int code);

  int uc_ctl(Pointer uc, int control, Object... args);

  int uc_reg_read(Pointer uc, int regid, Pointer value);

  int uc_reg_write(Pointer uc, int regid, Pointer value);

  int uc_mem_map_ptr(Pointer uc, long address, long size, int perms, Pointer ptr);

  int uc_mmio_map(
      Pointer uc,
      long address,
      long size,
      MmioReadCallback readCb,
      Pointer readData,
      MmioWriteCallback writeCb,
      Pointer writeData);

  int uc_mem_read(Pointer uc, long address, byte[] bytes, long size);

  int uc_mem_write(Pointer uc, long address, byte[] bytes, long size);

  int uc_hook_add(
      Pointer uc,
      LongByReference hh,
      int type,
      Callback callback,
      Pointer userData,
      long begin,
      long end);

  int uc_hook_del(Pointer uc, long hh);

  int uc_emu_start(Pointer uc, long begin, long until, long timeout, long count);

  int uc_emu_stop(Pointer uc);

  /** {@code void (*uc_cb_hookintr_t)(uc_engine *uc, uint32_t intno, void *user_data)}. */
  interface InterruptCallback extends Callback {
    void invoke(Pointer uc, int intno, Pointer userData);
  }

  /**
   * {@code void (*uc_cb_hookcode_t)(uc_engine *uc, uint64_t address, uint32_t size, void
   * *user_data)}.
   */
  interface CodeCallback extends Callback {
    void invoke(Pointer uc, long address, int size, Pointer userData);
  }

  /**
   * {@code bool (*uc_cb_eventmem_t)(uc, uc_mem_type type, uint64_t address, int size, int64_t
   * value, void *user_data)}.
   */
  interface InvalidMemoryCallback extends Callback {
    boolean invoke(Pointer uc, int type, long address, int size, long value, Pointer userData);
  }

  /** {@code uint64_t (*uc_cb_mmio_read_t)(uc, uint64_t offset, unsigned size, void *user_data)}. */
  interface MmioReadCallback extends Callback {
    long invoke(Pointer uc, long offset, int size, Pointer userData);
  }

  /**
   * {@code void (*uc_cb_mmio_write_t)(uc, uint64_t offset, unsigned size, uint64_t value, void
   * *user_data)}.
   */
  interface MmioWriteCallback extends Callback {
    void invoke(Pointer uc, long offset, int size, long value, Pointer userData);
  }
}
