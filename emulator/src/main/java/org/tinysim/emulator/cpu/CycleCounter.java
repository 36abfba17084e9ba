package org.tinysim.emulator.cpu;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tinysim.emulator.unicorn.internal.HookLib;

/**
 * Java view of the native hook's counters ({@code tinysim_state} in tinysim_hook.h). Fields are
 * read by offset: the struct is shared memory, updated by native code on every block.
 */
public final class CycleCounter {
  private static final long CYCLES = 0;
  private static final long INSTRUCTIONS = 8;
  private static final long CYCLE_LIMIT = 16;
  private static final long INSN_LIMIT = 24;
  private static final long NEXT_EVENT = 32;
  private static final long BLOCK_START_CYCLES = 40;
  private static final long BLOCK_ADDRESS = 48;
  private static final long BLOCK_SIZE = 52;
  private static final long PREV_BLOCK_END = 56;
  private static final long PREV_PENALTY = 60;
  private static final long STACK_LIMIT = 64;
  private static final long MIN_SP = 68;
  private static final long STOP_REASON = 72;
  private static final long STOP_REQUESTED = 76;
  private static final long FAULT_ADDRESS = 80;
  private static final long FAULT_PC = 84;
  private static final long FAULT_SIZE = 88;
  private static final long FAULT_IS_WRITE = 92;
  private static final long STACK_TOP = 100;
  private static final long WAKE_ARMED = 104;
  private static final long WAKE_PRIORITY = 108;
  private static final long WAKE_GROUP_MASK = 112;
  private static final long ON_PSP = 116;
  private static final long PSP_LIMIT_PTR = 120;
  static final int STATE_SIZE = 128;

  /**
   * tinysim_hook_profile row: key, executions, packed cost, taken exits, mispredicts, I-cache miss
   * cycles, data cycles beyond the packed cost, hand-over cycles, re-costing adjustment.
   */
  private static final int PROFILE_ROW_BYTES = 80;

  /**
   * What this class assumes about the C structs, under the names {@code tinysim_hook_abi} answers
   * to.
   */
  static final Map<String, Long> MIRRORED_ABI =
      Map.ofEntries(
          Map.entry("offsetof.cycles", CYCLES),
          Map.entry("offsetof.instructions", INSTRUCTIONS),
          Map.entry("offsetof.cycle_limit", CYCLE_LIMIT),
          Map.entry("offsetof.insn_limit", INSN_LIMIT),
          Map.entry("offsetof.next_event_cycle", NEXT_EVENT),
          Map.entry("offsetof.block_start_cycles", BLOCK_START_CYCLES),
          Map.entry("offsetof.block_address", BLOCK_ADDRESS),
          Map.entry("offsetof.block_size", BLOCK_SIZE),
          Map.entry("offsetof.prev_block_end", PREV_BLOCK_END),
          Map.entry("offsetof.prev_penalty", PREV_PENALTY),
          Map.entry("offsetof.stack_limit", STACK_LIMIT),
          Map.entry("offsetof.min_sp", MIN_SP),
          Map.entry("offsetof.stop_reason", STOP_REASON),
          Map.entry("offsetof.stop_requested", STOP_REQUESTED),
          Map.entry("offsetof.fault_address", FAULT_ADDRESS),
          Map.entry("offsetof.fault_pc", FAULT_PC),
          Map.entry("offsetof.fault_size", FAULT_SIZE),
          Map.entry("offsetof.fault_is_write", FAULT_IS_WRITE),
          Map.entry("offsetof.stack_top", STACK_TOP),
          Map.entry("offsetof.wake_armed", WAKE_ARMED),
          Map.entry("offsetof.wake_priority", WAKE_PRIORITY),
          Map.entry("offsetof.wake_group_mask", WAKE_GROUP_MASK),
          Map.entry("offsetof.on_psp", ON_PSP),
          Map.entry("offsetof.psp_limit_ptr", PSP_LIMIT_PTR),
          Map.entry("sizeof.tinysim_state", (long) STATE_SIZE),
          Map.entry("sizeof.profile_row", (long) PROFILE_ROW_BYTES));

  private final Memory state;
  private final Pointer engine;
  private volatile Pointer handle;

  CycleCounter(Memory state, Pointer engine, Pointer handle) {
    this.state = state;
    this.engine = engine;
    this.handle = handle;
    state.setLong(NEXT_EVENT, -1L);
    state.setInt(MIN_SP, -1);
  }

  public long cycles() {
    return state.getLong(CYCLES);
  }

  Pointer handle() {
    return handle;
  }

  /**
   * Cycles from the current block's start to the instruction doing the device access at {@code
   * address} (the native search that also serves {@link #serveCycleCount}); -1 if unknown.
   */
  public int cyclesIntoBlockAt(long address) {
    return (int) HookLib.INSTANCE.tinysim_hook_locate(engine, handle, (int) address);
  }

  /**
   * Marks the engine running: only then do the native device reads answer (a debugger's go to
   * Java).
   */
  public void setEngineRunning(boolean running) {
    HookLib.INSTANCE.tinysim_hook_set_running(handle, running ? 1 : 0);
  }

  /**
   * Word reads of the register at {@code address} answer {@code (counting ? cycles + base : base)
   * mod 2^32}.
   */
  public void serveCycleCount(long address, boolean counting, long base) {
    serve(address, HookLib.FAST_CYCLE_COUNT, counting ? 1 : 0, base, 0, 0, 0);
  }

  /**
   * Word reads of the register at {@code address} answer a 24-bit down-counter that held {@code
   * anchorValue} at {@code anchorCycle}, counts one per {@code cyclesPerTick} while {@code
   * counting} and reloads {@code reload} on the tick after 0 (SysTick VAL).
   */
  public void serveTickCounter(
      long address,
      boolean counting,
      long anchorCycle,
      long anchorValue,
      long reload,
      long cyclesPerTick) {
    serve(
        address,
        HookLib.FAST_TICK_COUNTER,
        counting ? 1 : 0,
        anchorCycle,
        anchorValue,
        reload,
        cyclesPerTick);
  }

  /**
   * Word reads of the register at {@code address} answer {@code bits}, plus {@code flagMask} while
   * the flag is set, and clear the flag; reads from cycle {@code deviceFromCycle} on (when the
   * device may set the flag) go to the device, which reads the flag back with {@link #servedFlag}
   * first.
   */
  public void serveClearOnRead(
      long address, long bits, long flagMask, boolean flag, long deviceFromCycle) {
    serve(address, HookLib.FAST_CLEAR_ON_READ, bits, flagMask, flag ? 1 : 0, deviceFromCycle, 0);
  }

  /** Word reads of the register at {@code address} answer {@code value} (no flag to clear). */
  public void serveValue(long address, long value) {
    serveClearOnRead(address, value, 0, false, -1L);
  }

  /** The flag of the clear-on-read register at {@code address} as served reads left it. */
  public boolean servedFlag(long address, boolean unserved) {
    long flag = HookLib.INSTANCE.tinysim_hook_fast_param(handle, (int) address, 2);
    return flag < 0 ? unserved : flag != 0;
  }

  /** false: every device read goes to its Java device, as before native reads (to compare both). */
  public void setNativeDeviceReads(boolean enabled) {
    HookLib.INSTANCE.tinysim_hook_fast_off(handle, enabled ? 0 : 1);
  }

  /**
   * true (the default where the library allows it): guest stores to RAM pages that hold no
   * translated code skip Unicorn 2.0.1's dirty-page tracking, which otherwise sends every store
   * through its self-modifying-code check (tinysim_ram.c); false: the stock path, to compare both.
   * Returns whether fast stores are now in effect.
   */
  public boolean setFastRamStores(boolean enabled) {
    return HookLib.INSTANCE.tinysim_hook_fast_ram(handle, enabled ? 1 : 0) != 0;
  }

  /** Reads of the register at {@code address} go to its device again. */
  public void stopServing(long address) {
    serve(address, HookLib.FAST_NONE, 0, 0, 0, 0, 0);
  }

  private void serve(long address, int kind, long... params) {
    if (HookLib.INSTANCE.tinysim_hook_fast_register(handle, (int) address, kind, params) != 0) {
      throw new IllegalStateException(
          String.format("too many registers served natively (at 0x%08X)", address));
    }
  }

  /** Adds cycles the block model cannot see (exception entry, sleeping in WFI). */
  public void addCycles(long extra) {
    state.setLong(CYCLES, cycles() + extra);
  }

  public long instructions() {
    return state.getLong(INSTRUCTIONS);
  }

  /** Limits are absolute counts; 0 means none. */
  public void setCycleLimit(long limit) {
    state.setLong(CYCLE_LIMIT, limit);
  }

  public void setInstructionLimit(long limit) {
    state.setLong(INSN_LIMIT, limit);
  }

  /** Cycle at which the hook stops emulation so the host can run timed events; -1 = none. */
  public void setNextEventCycle(long cycle) {
    state.setLong(NEXT_EVENT, cycle);
  }

  public long blockStartCycles() {
    return state.getLong(BLOCK_START_CYCLES);
  }

  public long blockAddress() {
    return Integer.toUnsignedLong(state.getInt(BLOCK_ADDRESS));
  }

  public int blockSize() {
    return state.getInt(BLOCK_SIZE);
  }

  /** Makes the next block pay no taken-branch penalty (after the host redirected the PC). */
  public void forgetPreviousBlock() {
    state.setInt(PREV_BLOCK_END, 0);
    state.setInt(PREV_PENALTY, 0);
  }

  public void setStackLimit(long lowestLegalSp) {
    state.setInt(STACK_LIMIT, (int) lowestLegalSp);
  }

  /** The main stack is [limit, top]; an SP elsewhere is checked as a task stack when on the PSP. */
  public void setStackTop(long initialMsp) {
    state.setInt(STACK_TOP, (int) initialMsp);
  }

  /** Thread mode on the process stack: an SP outside the main stack is then a task's. */
  public void setOnProcessStack(boolean onPsp) {
    state.setInt(ON_PSP, onPsp ? 1 : 0);
  }

  /**
   * Where the firmware keeps the running task's lowest legal PSP ({@code tinysim_psp_limit});
   * {@code null} checks task stacks against nothing but the memory map.
   */
  public void setProcessStackLimitWord(Pointer word) {
    state.setLong(PSP_LIMIT_PTR, word == null ? 0 : Pointer.nativeValue(word));
  }

  /**
   * Stops at the first block boundary where PRIMASK, FAULTMASK and BASEPRI (its {@code groupMask}
   * bits) no longer hold back a pending exception of group priority {@code priority}.
   */
  public void armUnmaskStop(int priority, int groupMask) {
    state.setInt(WAKE_PRIORITY, priority);
    state.setInt(WAKE_GROUP_MASK, groupMask);
    state.setInt(WAKE_ARMED, 1);
  }

  public void disarmUnmaskStop() {
    state.setInt(WAKE_ARMED, 0);
  }

  /** Lowest SP seen at any block boundary; 0xFFFFFFFF if never checked. */
  public long minimumSp() {
    return Integer.toUnsignedLong(state.getInt(MIN_SP));
  }

  public void noteSp(long sp) {
    if (sp < minimumSp()) {
      state.setInt(MIN_SP, (int) sp);
    }
  }

  public int stopReason() {
    return state.getInt(STOP_REASON);
  }

  public void clearStopReason() {
    state.setInt(STOP_REASON, HookLib.TS_STOP_NONE);
  }

  /** Stops emulation at the next block boundary. */
  public void requestStop() {
    state.setInt(STOP_REQUESTED, 1);
  }

  public long faultAddress() {
    return Integer.toUnsignedLong(state.getInt(FAULT_ADDRESS));
  }

  public long faultPc() {
    return Integer.toUnsignedLong(state.getInt(FAULT_PC));
  }

  public int faultSize() {
    return state.getInt(FAULT_SIZE);
  }

  public boolean faultIsWrite() {
    return state.getInt(FAULT_IS_WRITE) != 0;
  }

  /**
   * Checks, natively and before it runs, that the multi-word access (LDRD/STRD/LDM/STM) at {@code
   * address} has a word-aligned base register {@code baseRegister} (0-12); a misaligned one stops
   * with the same unaligned-access report as CCR.UNALIGN_TRP. Takes effect for code translated
   * afterwards.
   */
  public void checkWordAlignedBase(long address, int baseRegister, int size, boolean write) {
    int err =
        HookLib.INSTANCE.tinysim_hook_multiword_check(
            engine, handle, (int) address, baseRegister, size, write ? 1 : 0);
    if (err != 0) {
      throw new IllegalStateException(
          String.format("could not hook the multi-word access at 0x%08X (error %d)", address, err));
    }
  }

  /**
   * Traps every unaligned halfword/word access (CCR.UNALIGN_TRP). Off by default: the memory hook
   * it needs takes every load and store off Unicorn's fast path.
   */
  public void setTrapUnaligned(boolean trap) {
    int err = HookLib.INSTANCE.tinysim_hook_alignment(engine, handle, trap ? 1 : 0);
    if (err != 0) {
      throw new IllegalStateException(
          "could not install the alignment hook (unicorn error " + err + ")");
    }
  }

  /**
   * Exact I-cache mode: simulate the L1 I-cache for blocks fetched through it, {@code missCycles}
   * per miss.
   */
  public void setExactInstructionCache(boolean enabled, int missCycles) {
    HookLib.INSTANCE.tinysim_hook_icache_exact(handle, enabled ? 1 : 0, missCycles);
  }

  /**
   * Thread-safe: the running engine stops at the next block boundary with {@code TS_STOP_PAUSE},
   * before that block is charged, so resuming changes no count.
   */
  public void requestPause() {
    Pointer h = handle;
    if (h != null) {
      HookLib.INSTANCE.tinysim_hook_request_pause(h);
    }
  }

  /** Attaches the breakpoint, step and watchpoint hooks (tinysim_debug.c); one per engine. */
  public DebugHooks attachDebugHooks() {
    return new DebugHooks(engine, handle, state);
  }

  /**
   * Exact D-cache mode: a memory hook charges every data access to flash and SRAM1/SRAM2 through a
   * simulated L1 D-cache (and the ART), instead of the block costs' static estimate.
   *
   * @param costs the fields of {@code dcache_costs} in tinysim_hook.h, or null for off
   */
  public void setExactDataCache(int[] costs) {
    int err = HookLib.INSTANCE.tinysim_hook_dcache_exact(engine, handle, costs);
    if (err != 0) {
      throw new IllegalStateException(
          "could not install the D-cache hook (unicorn error " + err + ")");
    }
  }

  /**
   * Exact D-cache mode so far: accesses looked up in the cache, misses, uncached accesses, cycles
   * charged.
   */
  public long[] exactDataCacheStats() {
    long[] out = new long[4];
    HookLib.INSTANCE.tinysim_hook_dcache_stats(handle, out);
    return out;
  }

  /** Blocks re-costed because the memory their loads point into changed (data probes). */
  public long dataRecosts() {
    return HookLib.INSTANCE.tinysim_hook_recosts(handle);
  }

  /**
   * Run cycles before the per-block counts of {@link #profile()} last restarted (the firmware
   * switched the caches or wait states): the part of the run no block is charged with.
   */
  public long profileStartCycles() {
    return HookLib.INSTANCE.tinysim_hook_profile_start(handle);
  }

  /** Cycles charged so far for results handed from one block to the next (model v3). */
  public long handOverCycles() {
    return HookLib.INSTANCE.tinysim_hook_handover_cycles(handle);
  }

  /**
   * Branch history table size: a power of two up to 4096 shared, address-tagged 2-bit counters; 0 =
   * one private counter per block (unlimited, model v2).
   */
  public void setBranchTableEntries(int entries) {
    if (HookLib.INSTANCE.tinysim_hook_branch_table(handle, entries) != 0) {
      throw new IllegalArgumentException(
          "branch table entries must be 0 or a power of two up to 4096: " + entries);
    }
  }

  /**
   * Return stack: {@code entries} return addresses (0 = none, up to 16) pushed by calls and popped
   * by returns; a return the branch table misses but the stack predicts costs {@code penalty}
   * cycles instead of its miss penalty.
   */
  public void setReturnStack(int entries, int penalty) {
    if (HookLib.INSTANCE.tinysim_hook_return_stack(handle, entries, penalty) != 0) {
      throw new IllegalArgumentException(
          "return stack entries must be 0..16 and its penalty 0..63: " + entries + ", " + penalty);
    }
  }

  /** While the hook costs a block: whether that block's probe stayed within the D-cache's size. */
  public boolean costingResidentWorkingSet() {
    return HookLib.INSTANCE.tinysim_hook_costing_resident(handle) != 0;
  }

  public void forgetCosts() {
    HookLib.INSTANCE.tinysim_hook_forget_costs(handle);
  }

  /** Per-block execution counts, for profiles. */
  public List<BlockExecution> profile() {
    int count = HookLib.INSTANCE.tinysim_hook_block_count(handle);
    if (count == 0) {
      return List.of();
    }
    Memory rows = new Memory(count * (long) PROFILE_ROW_BYTES);
    int n = HookLib.INSTANCE.tinysim_hook_profile(handle, rows, count);
    List<BlockExecution> result = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long row = (long) i * PROFILE_ROW_BYTES;
      long key = rows.getLong(row);
      long packed = rows.getLong(row + 16);
      result.add(
          new BlockExecution(
              key >>> 32,
              (int) key,
              rows.getLong(row + 8),
              (int) packed,
              (int) ((packed >>> 32) & 0xffff),
              rows.getLong(row + 24),
              rows.getLong(row + 32),
              (int) ((packed >>> 48) & 0x3f),
              (int) ((packed >>> 56) & 0x1f),
              rows.getLong(row + 40),
              rows.getLong(row + 48),
              rows.getLong(row + 56),
              rows.getLong(row + 64),
              rows.getLong(row + 72)));
    }
    return result;
  }

  void uninstall() {
    if (handle != null) {
      HookLib.INSTANCE.tinysim_hook_uninstall(engine, handle);
      handle = null;
    }
  }

  /**
   * One block's static cost and how often it ran.
   *
   * @param taken executions that left for somewhere other than the next block
   * @param mispredicts wrong predictions of its final conditional branch, or taken exits of its
   *     indirect branch that paid {@code takenPenalty} (branch table miss; v2: every taken exit)
   * @param takenPenalty cycles an indirect branch pays when it is not predicted
   * @param mispredictPenalty cycles each misprediction costs
   * @param icacheMissCycles cycles of simulated I-cache misses (exact I-cache mode only)
   * @param extraDataCycles data-side cycles beyond {@code cyclesPerExecution}: the carried
   *     fractions of streamed line fills (v3), or every access in exact D-cache mode
   * @param handOverCycles cycles this block waited for a result its predecessor left in flight
   * @param recostAdjustCycles what its executions before a re-costing (its data moved, or its
   *     working set outgrew the D-cache) paid beyond the current cost; may be negative
   * @param returnStackCycles what its returns paid when the branch table missed them and the return
   *     stack predicted them (the stack's redirect, not {@code takenPenalty})
   */
  public record BlockExecution(
      long address,
      int size,
      long executions,
      int cyclesPerExecution,
      int instructionsPerExecution,
      long taken,
      long mispredicts,
      int takenPenalty,
      int mispredictPenalty,
      long icacheMissCycles,
      long extraDataCycles,
      long handOverCycles,
      long recostAdjustCycles,
      long returnStackCycles) {
    /**
     * Every cycle this block was charged: static cost, taken-branch penalties (return-stack
     * redirects included), mispredicts, I-cache misses, data cycles beyond the static cost and
     * hand-over waits.
     */
    public long totalCycles() {
      long penalties =
          mispredicts * (mispredictPenalty > 0 ? mispredictPenalty : takenPenalty)
              + returnStackCycles;
      return executions * Integer.toUnsignedLong(cyclesPerExecution)
          + penalties
          + icacheMissCycles
          + extraDataCycles
          + handOverCycles
          + recostAdjustCycles;
    }
  }
}
