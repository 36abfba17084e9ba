package org.tinysim.emulator.cpu;

import java.util.EnumSet;
import org.tinysim.emulator.cycles.BlockCost;

/**
 * The engine that executes Thumb-2 code. The rest of the emulator talks to this interface only, so
 * the engine can be swapped (Unicorn today).
 */
public interface CpuBackend extends AutoCloseable {

  enum Access {
    READ,
    WRITE,
    EXECUTE
  }

  /** Name of the CPU model the engine actually instantiated (verified, not assumed). */
  String cpuModel();

  int readRegister(CoreRegister register);

  void writeRegister(CoreRegister register, int value);

  void mapMemory(long address, HostMemory memory, EnumSet<Access> access);

  void mapDevicePages(long address, long size, MmioHandler handler);

  byte[] readMemory(long address, int length);

  void writeMemory(long address, byte[] data);

  /** Installs the handlers for rare events; each runs on the emulating thread. */
  void setEventHandlers(CpuEvents events);

  /** Attaches the native cycle counter; costs are asked for once per new block. */
  CycleCounter attachCycleCounter(BlockCostSource costs);

  /**
   * Runs from {@code pc} (Thumb bit implied) until stopped. Returns the engine's status code
   * translated to {@link EngineStatus}.
   */
  EngineStatus run(int pc);

  /** Asks the engine to stop at the next block boundary (callable from event handlers). */
  void stop();

  /**
   * Calls {@code beforeExecuting} with the address each time the instruction at {@code address} is
   * about to execute (it may redirect the PC). Drops translated code so the hook takes effect.
   * Returns a handle for {@link #removeCodeHook}.
   */
  long addCodeHook(long address, java.util.function.LongConsumer beforeExecuting);

  void removeCodeHook(long handle);

  /** Drops translated code (after the host rewrites code memory). */
  void flushTranslations();

  @Override
  void close();

  /** Handles accesses to device pages; addresses are absolute. */
  interface MmioHandler {
    long read(long address, int width);

    void write(long address, int width, long value);
  }

  /** Packed block cost: bits 0-31 cycles, 32-47 instructions, 48-62 taken-branch penalty. */
  interface BlockCostSource {
    long packedCost(long address, int size);

    /**
     * The full cost of the block {@link #packedCost} just costed, for what does not fit the packed
     * word (data probe and fraction, cross-block hand-over; see {@code tinysim_hook_set_data});
     * null when there is none.
     */
    default BlockCost lastCost() {
      return null;
    }

    /** The cached cost of a block already costed, or null. */
    default BlockCost costOf(long address, int size) {
      return null;
    }
  }

  /** Rare events the engine reports. */
  interface CpuEvents {
    /** An architectural exception surfaced by the engine (Unicorn's intno). */
    void onInterrupt(int intno);

    /** An access to unmapped or protected memory; return false to let it fault. */
    boolean onInvalidAccess(MemoryAccessKind kind, long address, int size, long value);
  }

  enum MemoryAccessKind {
    READ_UNMAPPED,
    WRITE_UNMAPPED,
    FETCH_UNMAPPED,
    WRITE_PROTECTED,
    READ_PROTECTED,
    FETCH_PROTECTED
  }

  /** Outcome of one {@link #run} call. */
  record EngineStatus(int code, String message) {
    public boolean ok() {
      return code == 0;
    }
  }
}
