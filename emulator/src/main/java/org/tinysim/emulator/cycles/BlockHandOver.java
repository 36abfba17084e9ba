package org.tinysim.emulator.cycles;

import java.util.Arrays;

/**
 * Dependencies across block boundaries (model v3): each block tells the native hook which result is
 * still in flight when it ends (a load, MAC or FP op issued in its last cycles) and, per register,
 * how many cycles into the block it first reads it. When one block follows another the hook charges
 * {@code remaining - firstUse - (penalty already paid at the transition)} cycles, if positive, so a
 * consumer at the top of the next block waits as it would in one long block [J latencies].
 * Registers: 0..15 core, 16..47 S0..S31, and 48..63 R0..R15 as read by the address generator: a
 * loaded value reaches a load's or store's address one cycle later than an ALU ({@link
 * DualIssue#LOAD_TO_ADDRESS_EXTRA}), so a load at the end of a block hands over its register as 48
 * + r with that cycle added, and the next block's first use of 48 + r is its first address use or
 * its first other use plus that cycle, whichever comes first. Only the single latest result is
 * handed over [A].
 */
public final class BlockHandOver {
  /** Registers tracked: R0..R15, S0..S31, R0..R15 as addresses. */
  public static final int REGISTERS = 64;

  /** R0..R15 read by the address generator. */
  static final int ADDRESS_REGISTERS = 48;

  /** Largest cycle count either side carries (remaining latency, first-use cycle). */
  public static final int MAX_CYCLES = 31;

  /** A block that reads none of the registers first: every hand-over is already over. */
  public static final byte[] NO_USES = filled();

  /** S0..S31 in the FP mask (D16..D31, absent on the F746, are not tracked). */
  private static final long SINGLES = 0xFFFF_FFFFL;

  private BlockHandOver() {}

  private static byte[] filled() {
    byte[] uses = new byte[REGISTERS];
    Arrays.fill(uses, (byte) MAX_CYCLES);
    return uses;
  }

  /**
   * The result with the most latency left when the block ends at cycle {@code end}, packed as
   * register | remaining << 8; 0 when every result is ready by then.
   */
  static int tail(Instruction[] block, int[] issueCycle, int end, CortexM7Timings timings) {
    int[] ready = new int[REGISTERS];
    Arrays.fill(ready, Integer.MIN_VALUE);
    for (int i = 0; i < block.length; i++) {
      Instruction insn = block[i];
      // the next block's reader is (almost always) outside this IT block: a mismatched condition
      int latency = timings.resultLatency(insn);
      int result =
          issueCycle[i] + (insn.predicated() ? DualIssue.predicatedLatency(latency) : latency);
      for (int r = 0; r < 15; r++) {
        if ((insn.defs() & RegisterMask.core(r)) != 0) {
          boolean writeback = (insn.writebackDefs() & RegisterMask.core(r)) != 0;
          ready[r] = writeback ? issueCycle[i] + 1 : result;
          boolean loaded = !writeback && insn.kind() == InstructionClass.LOAD;
          ready[ADDRESS_REGISTERS + r] =
              loaded ? result + DualIssue.LOAD_TO_ADDRESS_EXTRA : Integer.MIN_VALUE;
        }
      }
      for (long mask = insn.fpDefs() & SINGLES; mask != 0; mask &= mask - 1) {
        ready[16 + Long.numberOfTrailingZeros(mask)] = result;
      }
    }
    int best = -1;
    int bestRemaining = 0;
    for (int r = 0; r < REGISTERS; r++) {
      if (ready[r] != Integer.MIN_VALUE && ready[r] - end > bestRemaining) {
        best = r;
        bestRemaining = ready[r] - end;
      }
    }
    return best < 0 ? 0 : best | Math.min(bestRemaining, MAX_CYCLES) << 8;
  }

  /** Per register, the issue cycle of the block's first reader (if it reads before writing it). */
  static byte[] firstUses(Instruction[] block, int[] issueCycle) {
    byte[] uses = filled();
    boolean[] decided = new boolean[REGISTERS];
    for (int i = 0; i < block.length; i++) {
      Instruction insn = block[i];
      byte at = (byte) Math.min(Math.max(issueCycle[i], 0), MAX_CYCLES);
      for (int r = 0; r < 15; r++) {
        if (!decided[r] && (insn.uses() & RegisterMask.core(r)) != 0) {
          // a MAC's accumulator is read a stage late, a store's data two [J]
          boolean late = (insn.lateUses() & RegisterMask.core(r)) != 0;
          int delay = insn.kind() == InstructionClass.STORE ? DualIssue.STORE_DATA_ADVANCE : 1;
          uses[r] = late ? (byte) Math.min(at + delay, MAX_CYCLES) : at;
          boolean address =
              !late
                  && (insn.isLoad()
                      || insn.kind() == InstructionClass.STORE
                      || (insn.isStore() && insn.addressBase() == r));
          uses[ADDRESS_REGISTERS + r] =
              address ? at : (byte) Math.min(uses[r] + DualIssue.LOAD_TO_ADDRESS_EXTRA, MAX_CYCLES);
          decided[r] = true;
        }
      }
      for (long mask = insn.fpUses() & SINGLES; mask != 0; mask &= mask - 1) {
        int r = 16 + Long.numberOfTrailingZeros(mask);
        if (!decided[r]) {
          uses[r] = at;
          decided[r] = true;
        }
      }
      for (int r = 0; r < 15; r++) {
        decided[r] |= (insn.defs() & RegisterMask.core(r)) != 0;
      }
      for (long mask = insn.fpDefs() & SINGLES; mask != 0; mask &= mask - 1) {
        decided[16 + Long.numberOfTrailingZeros(mask)] = true;
      }
    }
    return uses;
  }
}
