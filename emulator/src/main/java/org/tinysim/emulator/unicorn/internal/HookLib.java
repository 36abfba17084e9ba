package org.tinysim.emulator.unicorn.internal;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** Mirror of {@code tinysim_hook.c}, the native per-block cycle hook built by the Maven build. */
public interface HookLib extends Library {

  HookLib INSTANCE = Native.load("tinysimhook", HookLib.class);

  int TS_STOP_NONE = 0;
  int TS_STOP_CYCLE_BUDGET = 1;
  int TS_STOP_INSN_BUDGET = 2;
  int TS_STOP_EVENT_DUE = 3;
  int TS_STOP_STACK_OVERFLOW = 4;
  int TS_STOP_HOST_REQUEST = 5;
  int TS_STOP_UNALIGNED = 6;
  int TS_STOP_PROCESS_STACK_OVERFLOW = 7;
  int TS_STOP_UNMASKED = 8;
  int TS_STOP_DEBUG = 9;
  int TS_STOP_PAUSE = 10;

  /** {@code int64_t (*tinysim_cost_fn)(uint32_t address, uint32_t size)}. */
  interface CostCallback extends Callback {
    long invoke(int address, int size);
  }

  Pointer tinysim_hook_install(Pointer uc, Pointer state, CostCallback costFn);

  /**
   * {@code void (*tinysim_access_fn)(uint32_t address, uint32_t size)}: answer with {@link
   * #tinysim_hook_set_accesses}.
   */
  interface AccessCallback extends Callback {
    void invoke(int address, int size);
  }

  int FAST_NONE = 0;
  int FAST_CYCLE_COUNT = 1;
  int FAST_TICK_COUNTER = 2;
  int FAST_CLEAR_ON_READ = 3;

  void tinysim_hook_set_access_fn(Pointer handle, AccessCallback fn);

  void tinysim_hook_set_accesses(Pointer handle, int count, int[] accesses);

  long tinysim_hook_locate(Pointer uc, Pointer handle, int address);

  int tinysim_hook_fast_register(Pointer handle, int address, int kind, long[] params);

  long tinysim_hook_fast_param(Pointer handle, int address, int index);

  void tinysim_hook_set_running(Pointer handle, int running);

  void tinysim_hook_fast_off(Pointer handle, int off);

  int tinysim_hook_fast_ram(Pointer handle, int enabled);

  int tinysim_hook_map_mmio(
      Pointer uc,
      Pointer handle,
      long address,
      long size,
      UnicornLib.MmioReadCallback read,
      UnicornLib.MmioWriteCallback write);

  int tinysim_hook_alignment(Pointer uc, Pointer handle, int mode);

  int tinysim_hook_multiword_check(
      Pointer uc, Pointer handle, int address, int baseRegister, int size, int isWrite);

  void tinysim_hook_forget_costs(Pointer handle);

  void tinysim_hook_icache_exact(Pointer handle, int enabled, int missCycles);

  /** {@code costs}: the seven uint32 of {@code dcache_costs}, or null to switch the mode off. */
  int tinysim_hook_dcache_exact(Pointer uc, Pointer handle, int[] costs);

  void tinysim_hook_dcache_stats(Pointer handle, long[] out);

  void tinysim_hook_set_data(Pointer handle, int probe, int fraction, int tail, byte[] firstUses);

  long tinysim_hook_recosts(Pointer handle);

  int tinysim_hook_costing_resident(Pointer handle);

  long tinysim_hook_handover_cycles(Pointer handle);

  long tinysim_hook_profile_start(Pointer handle);

  int tinysim_hook_branch_table(Pointer handle, int entries);

  int tinysim_hook_return_stack(Pointer handle, int entries, int penalty);

  int tinysim_hook_profile(Pointer handle, Pointer out, int max);

  int tinysim_hook_block_count(Pointer handle);

  void tinysim_hook_uninstall(Pointer uc, Pointer handle);

  void tinysim_hook_request_pause(Pointer handle);

  /** An offset, size or constant of the C side by name ({@code tinysim_hook.h}); -1 if unknown. */
  long tinysim_hook_abi(String name);
}
