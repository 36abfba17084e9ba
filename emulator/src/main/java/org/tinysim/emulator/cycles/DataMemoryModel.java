package org.tinysim.emulator.cycles;

/**
 * Data-side cycles of the STM32F746's memory system (cycle model v3), charged per load/store on top
 * of the DTCM-like schedule. Facts and assumptions are listed in emulator/CYCLE_MODEL.md, "Data
 * side".
 *
 * <p>The fast default classifies each access once, when its block is costed: its address register
 * (read at the block's first execution) says which memory it hits, and whether that register is
 * rewritten inside the block says whether the access streams (a pointer walking through a buffer,
 * each 32-byte line used once and then evicted) or reuses resident lines (a table, the stack, a
 * literal pool). The exact mode ({@code tinysim_hook_dcache_exact}) instead runs every access
 * through a simulated cache with the same per-line costs.
 */
public final class DataMemoryModel {
  /** L1 D-cache line (CCSIDR of the F746: 4 KiB, 4 ways x 32 sets x 32 bytes). */
  public static final int LINE_BYTES = 32;

  public static final int CACHE_SETS = 32;
  public static final int CACHE_WAYS = 4;

  /** AXIM data width: 64 bits. */
  static final int BEAT_BYTES = 8;

  /**
   * Cycles of a 64-bit AXIM read's first beat on top of the slave's wait states (AXI-to-AHB bridge)
   * [A]; later beats of the same burst follow one per cycle [A]. Also the I-cache line fill's.
   */
  public static final int AXIM_FIRST_BEAT = 1;

  /** Cycles to write back one dirty line (4 beats, buffered) [A]; exact mode only. */
  public static final int WRITE_BACK_CYCLES = 4;

  /** Where a data access lands, as far as its cost goes. */
  public enum Target {
    /** DTCM, ITCM RAM, or anything not modelled (devices): no cost beyond the schedule. */
    FREE,
    /** Flash at 0x08000000 over AXIM: cacheable write-through (Code region), read-allocate. */
    FLASH_AXIM,
    /** Flash at 0x00200000 over the ITCM interface, behind ST's ART (FLASH_ACR.ARTEN). */
    FLASH_ITCM,
    /** SRAM1/SRAM2 over AXIM: cacheable write-back write-allocate (SRAM region). */
    AXI_SRAM
  }

  private DataMemoryModel() {}

  public static Target targetOf(long address) {
    long a = address & 0xFFFF_FFFFL;
    if (a >= 0x0800_0000L && a < 0x0810_0000L) {
      return Target.FLASH_AXIM;
    }
    if (a >= 0x0020_0000L && a < 0x0030_0000L) {
      return Target.FLASH_ITCM;
    }
    if (a >= 0x2001_0000L && a < 0x2005_0000L) {
      return Target.AXI_SRAM;
    }
    return Target.FREE;
  }

  /** Cycles of one uncached AXIM read of {@code bytes} from a slave with {@code waitStates}. */
  public static int uncachedRead(int bytes, int waitStates) {
    int beats = Math.max(1, (bytes + BEAT_BYTES - 1) / BEAT_BYTES);
    return AXIM_FIRST_BEAT + waitStates + beats - 1;
  }

  /** A 32-byte line fill (a D-cache miss, or a 256-bit flash line through the ART). */
  public static int lineFill(int waitStates) {
    return uncachedRead(LINE_BYTES, waitStates);
  }

  /**
   * Extra cycles each instruction of the block spends on the data side.
   *
   * @param block decoded block
   * @param blockAddress address of the first instruction (literal pools lie next to the code)
   * @param side memory configuration and the registers at block entry
   * @return per instruction, its expected extra data-side cycles (all 0 when {@code side} is not
   *     modelled); a streamed line's fill is shared by its accesses, so these are fractional
   */
  static double[] extraCycles(Instruction[] block, long blockAddress, DataSide side) {
    double[] extra = new double[block.length];
    if (!side.modelled()) {
      return extra;
    }
    int blockDefs = 0;
    for (Instruction insn : block) {
      blockDefs |= insn.defs();
    }
    int known = ~0;
    for (int i = 0; i < block.length; i++) {
      Instruction insn = block[i];
      int knownBefore = known;
      known = stillKnown(insn, known);
      if (!(insn.isLoad() || insn.isStore()) || insn.has(Instruction.FLAG_PRELOAD)) {
        continue;
      }
      int base = baseRegister(insn, side);
      if (base < 0 || (knownBefore & RegisterMask.core(base)) == 0) {
        continue;
      }
      Target target;
      boolean streams;
      if (base == RegisterMask.PC) {
        target = targetOf(blockAddress);
        streams = false;
      } else {
        target = targetOf(side.registers().applyAsInt(base));
        // a register-offset load reads only address registers: a stepped index streams too
        int walking =
            insn.isLoad() && insn.addressBase() < 0
                ? insn.uses() & 0x7FFF
                : RegisterMask.core(base);
        streams =
            !side.resident() && (blockDefs & walking & ~RegisterMask.core(RegisterMask.SP)) != 0;
      }
      int bytes = Math.max(1, insn.accessBytes()) * Math.max(1, insn.registerCount());
      extra[i] = accessCycles(target, insn.isLoad(), streams, bytes, side);
    }
    return extra;
  }

  /**
   * The register the block's data costs hinge on, for the hook to watch: the base (R0..R12) of its
   * first access into flash or SRAM1/SRAM2, else of its first access at all (it may move there
   * later); packed as register | target << 8, or -1.
   */
  static int probe(Instruction[] block, DataSide side) {
    if (!side.modelled()) {
      return -1;
    }
    int best = -1;
    Target bestTarget = Target.FREE;
    int known = ~0;
    for (Instruction insn : block) {
      int knownBefore = known;
      known = stillKnown(insn, known);
      if (!(insn.isLoad() || insn.isStore()) || insn.has(Instruction.FLAG_PRELOAD)) {
        continue;
      }
      int base = baseRegister(insn, side);
      if (base < 0 || base > 12 || (knownBefore & RegisterMask.core(base)) == 0) {
        continue;
      }
      Target target = targetOf(side.registers().applyAsInt(base));
      if (best < 0 || (bestTarget == Target.FREE && target != Target.FREE)) {
        best = base;
        bestTarget = target;
      }
    }
    return best < 0 ? -1 : best | bestTarget.ordinal() << 8;
  }

  /**
   * Registers whose block-entry value still says where they point after {@code insn}: a register
   * stepped from itself (ADD r1, r1, #4; a writeback base) keeps its region; one loaded or moved
   * from elsewhere does not, and its accesses are left uncosted (like DTCM) [A].
   */
  private static int stillKnown(Instruction insn, int known) {
    int replaced = insn.defs() & ~insn.uses() & 0xFFFF;
    return known & ~replaced;
  }

  /**
   * The register an access's address comes from: the immediate-offset base when decoded, PC for a
   * literal, SP for stack accesses, else the first register read that points into modelled memory
   * (the base of a register-offset access; its index is a small number); -1 when none does.
   */
  private static int baseRegister(Instruction insn, DataSide side) {
    if (insn.addressBase() >= 0) {
      return insn.addressBase();
    }
    int uses = insn.uses() & 0xFFFF;
    if ((uses & RegisterMask.core(RegisterMask.PC)) != 0) {
      return RegisterMask.PC;
    }
    if ((uses & RegisterMask.core(RegisterMask.SP)) != 0) {
      return RegisterMask.SP;
    }
    for (int r = 0; r < RegisterMask.SP; r++) {
      if ((uses & RegisterMask.core(r)) != 0
          && targetOf(side.registers().applyAsInt(r)) != Target.FREE) {
        return r;
      }
    }
    return -1;
  }

  /** Expected extra cycles of one access; a streaming access pays its share of a line fill. */
  static double accessCycles(
      Target target, boolean load, boolean streams, int bytes, DataSide side) {
    double lineShare = Math.min(1.0, (double) bytes / LINE_BYTES);
    int ws = side.flashWaitStates();
    return switch (target) {
      case FREE -> 0;
      case FLASH_AXIM ->
          !load
              ? 0
              : side.dataCacheOn()
                  ? (streams ? lineShare * lineFill(ws) : 0)
                  : uncachedRead(bytes, ws);
      case FLASH_ITCM ->
          !load
              ? 0
              : side.artOn() ? (streams ? lineShare * lineFill(ws) : 0) : uncachedRead(bytes, ws);
      // stores are buffered: write-back hits, or streamed past the cache (read-allocate mode)
      case AXI_SRAM ->
          !load
              ? 0
              : side.dataCacheOn()
                  ? (streams ? lineShare * lineFill(0) : 0)
                  : uncachedRead(bytes, 0);
    };
  }
}
