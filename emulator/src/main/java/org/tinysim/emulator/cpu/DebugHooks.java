package org.tinysim.emulator.cpu;

import com.sun.jna.Pointer;
import org.tinysim.emulator.unicorn.internal.DebugLib;

/**
 * Breakpoints, single-step and watchpoints as engine hooks that exist only while set (a watchpoint
 * adds a memory hook and a per-instruction hook; nothing is hooked without one). A stop lands
 * inside a block the cycle hook has already charged; the native side then skips that block's charge
 * when execution resumes there, so the cycle and instruction counts stay exactly those of a run
 * without a debugger. (That assumes the block Unicorn starts at the stop ends where the charged one
 * does: blocks end at branches and page ends, so only a block Unicorn cut at its instruction limit
 * could differ.) Up to 64 breakpoints and 64 watchpoints.
 */
public final class DebugHooks implements AutoCloseable {
  /** Watchpoint kinds, as bits: 1 write, 2 read, 3 access. */
  public enum WatchKind {
    WRITE(1),
    READ(2),
    ACCESS(3);

    final int bits;

    WatchKind(int bits) {
      this.bits = bits;
    }

    static WatchKind ofBits(int bits) {
      for (WatchKind k : values()) {
        if (k.bits == bits) {
          return k;
        }
      }
      return ACCESS;
    }
  }

  /** Why the last debug stop happened. */
  public enum StopCause {
    NONE,
    BREAKPOINT,
    STEP,
    WATCHPOINT
  }

  /** The access that triggered a watchpoint stop: the first watched byte it touched. */
  public record WatchHit(long address, WatchKind kind) {}

  private static final DebugLib LIB = DebugLib.INSTANCE;
  private final Pointer hookHandle;
  private Pointer debug;

  DebugHooks(Pointer engine, Pointer hookHandle, Pointer state) {
    this.hookHandle = hookHandle;
    this.debug = LIB.tinysim_debug_open(engine, hookHandle, state);
    if (debug == null) {
      throw new IllegalStateException("could not attach the native debug hooks");
    }
  }

  public void addBreakpoint(long address) {
    check(LIB.tinysim_debug_add_break(debug(), (int) address), "set a breakpoint at", address);
  }

  /** False when no breakpoint was set there. */
  public boolean removeBreakpoint(long address) {
    return LIB.tinysim_debug_remove_break(debug(), (int) address) == 0;
  }

  public void addWatchpoint(long address, int length, WatchKind kind) {
    check(
        LIB.tinysim_debug_add_watch(debug(), (int) address, length, kind.bits),
        "set a watchpoint at",
        address);
  }

  public boolean removeWatchpoint(long address, int length, WatchKind kind) {
    return LIB.tinysim_debug_remove_watch(debug(), (int) address, length, kind.bits) == 0;
  }

  /** Call before resuming at {@code pc}: a breakpoint there does not fire before it executes. */
  public void prepareResume(long pc, boolean step) {
    check(
        LIB.tinysim_debug_prepare_resume(debug(), (int) pc, step ? 1 : 0),
        "prepare to resume at",
        pc);
  }

  public StopCause stopCause() {
    return StopCause.values()[LIB.tinysim_debug_stop_cause(debug())];
  }

  /** The watchpoint hit of the last stop, or null. */
  public WatchHit watchHit() {
    if (stopCause() != StopCause.WATCHPOINT && LIB.tinysim_debug_watch_pending(debug()) == 0) {
      return null;
    }
    return new WatchHit(
        Integer.toUnsignedLong(LIB.tinysim_debug_watch_address(debug())),
        WatchKind.ofBits(LIB.tinysim_debug_watch_kind(debug())));
  }

  private Pointer debug() {
    if (debug == null) {
      throw new IllegalStateException("the debug hooks were detached");
    }
    return debug;
  }

  private static void check(int err, String what, long address) {
    if (err != 0) {
      throw new IllegalStateException(
          String.format("could not %s 0x%08X (error %d)", what, address, err));
    }
  }

  @Override
  public void close() {
    if (debug != null) {
      LIB.tinysim_debug_close(hookHandle, debug);
      debug = null;
    }
  }
}
