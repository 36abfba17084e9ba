package org.tinysim.emulator.cycles;

import java.util.Arrays;

/**
 * In-order, single-issue schedule: an instruction issues when the previous one has left the issue
 * slot and every register it reads is ready (producer issue + latency). Dual issue is not modelled,
 * except for the two pairings the M7 performs even in the worst case [J]:
 *
 * <ul>
 *   <li>a direct branch (B, Bcc, BL, CBZ/CBNZ) shares the slot of the instruction before it, so a
 *       {@code subs; bne} loop runs at 1 cycle per iteration as measured;
 *   <li>IT shares the slot of the instruction it predicates.
 * </ul>
 *
 * Neither pairs with LDM/STM/PUSH/POP or divides ("cannot dual issue with preceding or following
 * instructions"). Direct branches never wait for their operands: they are predicted, and a wrong
 * prediction is charged as a penalty, not as a stall. Results still in flight at the end of the
 * block are forgotten, so dependencies across block boundaries cost nothing.
 */
public final class SingleIssue implements IssueModel {
  private static final int CORE_SLOTS = RegisterMask.CORE_BITS;
  private static final int FP_SLOTS = 64;

  private final CortexM7Timings timings;

  public SingleIssue(CortexM7Timings timings) {
    this.timings = timings;
  }

  @Override
  public int schedule(
      Instruction[] block, int startCycle, int[] issueCycle, StallCounts.Tally stalls) {
    int[] coreWriter = new int[CORE_SLOTS];
    int[] fpWriter = new int[FP_SLOTS];
    Arrays.fill(coreWriter, -1);
    Arrays.fill(fpWriter, -1);
    int cycle = startCycle;
    for (int i = 0; i < block.length; i++) {
      Instruction insn = block[i];
      int issue =
          insn.directBranch()
              ? cycle
              : Math.max(cycle, readyCycle(block, i, issueCycle, coreWriter, fpWriter));
      stalls.waitedFor(null, issue - cycle);
      issueCycle[i] = issue;
      cycle = issue + slotCycles(block, i);
      record(insn.defs(), i, coreWriter);
      recordFp(insn.fpDefs(), i, fpWriter);
    }
    return cycle;
  }

  /** Issue-slot occupancy after folding branches and IT into a neighbour. */
  private int slotCycles(Instruction[] block, int i) {
    Instruction insn = block[i];
    if (insn.directBranch() && i > 0 && pairsWithNeighbour(block[i - 1])) {
      return 0;
    }
    if (insn.kind() == InstructionClass.IT) {
      return i + 1 < block.length && pairsWithNeighbour(block[i + 1]) ? 0 : 1;
    }
    return timings.issueCycles(insn);
  }

  private static boolean pairsWithNeighbour(Instruction insn) {
    switch (insn.kind()) {
      case LOAD_MULTIPLE:
      case STORE_MULTIPLE:
      case DIVIDE:
        return false;
      case VFP_LOAD_STORE:
        return insn.registerCount() <= 1;
      default:
        return true;
    }
  }

  /** Earliest cycle at which every register {@code block[i]} reads is available. */
  private int readyCycle(
      Instruction[] block, int i, int[] issueCycle, int[] coreWriter, int[] fpWriter) {
    Instruction insn = block[i];
    int ready = 0;
    for (int uses = insn.uses(); uses != 0; uses &= uses - 1) {
      int reg = Integer.numberOfTrailingZeros(uses);
      int writer = coreWriter[reg];
      if (writer >= 0) {
        boolean late = (insn.lateUses() & (1 << reg)) != 0;
        ready =
            Math.max(
                ready, issueCycle[writer] + timings.coreLatency(block[writer], insn, reg, late));
      }
    }
    for (long uses = insn.fpUses(); uses != 0; uses &= uses - 1) {
      int writer = fpWriter[Long.numberOfTrailingZeros(uses)];
      if (writer >= 0) {
        ready = Math.max(ready, issueCycle[writer] + timings.latency(block[writer], insn, false));
      }
    }
    return ready;
  }

  private static void record(int defs, int index, int[] writer) {
    for (int mask = defs; mask != 0; mask &= mask - 1) {
      writer[Integer.numberOfTrailingZeros(mask)] = index;
    }
  }

  private static void recordFp(long defs, int index, int[] writer) {
    for (long mask = defs; mask != 0; mask &= mask - 1) {
      writer[Long.numberOfTrailingZeros(mask)] = index;
    }
  }
}
