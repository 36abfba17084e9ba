package org.tinysim.emulator.unicorn.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** Mirror of {@code tinysim_debug.c}: breakpoint, step and watchpoint hooks for the GDB server. */
public interface DebugLib extends Library {

  DebugLib INSTANCE = Native.load("tinysimhook", DebugLib.class);

  int TS_DEBUG_NONE = 0;
  int TS_DEBUG_BREAK = 1;
  int TS_DEBUG_STEP = 2;
  int TS_DEBUG_WATCH = 3;

  Pointer tinysim_debug_open(Pointer uc, Pointer hookHandle, Pointer state);

  void tinysim_debug_close(Pointer hookHandle, Pointer debug);

  int tinysim_debug_add_break(Pointer debug, int address);

  int tinysim_debug_remove_break(Pointer debug, int address);

  int tinysim_debug_add_watch(Pointer debug, int address, int length, int kind);

  int tinysim_debug_remove_watch(Pointer debug, int address, int length, int kind);

  int tinysim_debug_prepare_resume(Pointer debug, int pc, int step);

  void tinysim_debug_forget_stop(Pointer debug);

  int tinysim_debug_stop_cause(Pointer debug);

  int tinysim_debug_watch_address(Pointer debug);

  int tinysim_debug_watch_kind(Pointer debug);

  int tinysim_debug_watch_pending(Pointer debug);
}
