package org.tinysim.emulator.cycles;

import java.util.Arrays;

/**
 * In-order dual-issue schedule of one block, following the Cortex-M7 pairing rules measured by [J]
 * (jnk0le, cortex_m7.md). Each cycle has an older and a younger slot; an instruction takes the
 * younger slot of the previous instruction's cycle when the pair is allowed ({@link #canPair}) and
 * every register it reads is ready in that cycle, else it opens the next free cycle as the older
 * op.
 *
 * <ul>
 *   <li>Results: ADD/SUB/MOV reach a late-ALU partner in the same cycle (0-cycle early-to-late
 *       forwarding); an operand read in the early ALU (inline shift, bitfield/extend/DSP) needs its
 *       source one cycle earlier; a bitfield/DSP result used as a load address costs one more, and
 *       so does a loaded value (pointer chasing: a word load feeds an address after 2 cycles).
 *   <li>Multi-cycle ops (LDM/STM ceil(n/2), divides, VDIV/VSQRT, F64 multiplies) hold the issue
 *       stage; VDIV/VSQRT still take one integer partner.
 *   <li>Byte/halfword stores go through a 4-entry store buffer that drains one read-modify-write
 *       every 4 cycles on the same DTCM bank as the previous one, else every 2.
 *   <li>A direct branch or IT left alone in the older slot at the end of the block pairs with the
 *       first instruction of the next block ("predicted taken branch dual issues with one
 *       instruction at destination", "not-taken branch can dual issue with following instruction"),
 *       so it costs nothing.
 * </ul>
 *
 * Within the schedule every register is ready and the store buffer empty when a block starts; the
 * native hook then charges one result left in flight by the previous block ({@link BlockHandOver},
 * CYCLE_MODEL.md).
 */
public final class DualIssue implements IssueModel {
  /** Store-buffer entries: the 5th back-to-back byte/halfword store waits [J]. */
  static final int STORE_BUFFER_DEPTH = 4;

  static final int SUBWORD_STORE_SAME_BANK = 4;
  static final int SUBWORD_STORE_OTHER_BANK = 2;

  /**
   * A loaded value used as the next load's or store's address waits one cycle more than for an ALU
   * consumer: addresses are generated in EX1, a stage before the ALUs ([L] "EX1: address
   * generation", address operands {@code M7Read_ISS} "needed at EX1", word loads latency 1; [J] a
   * word load cannot feed an operand read in the early stage in the next cycle). {@link
   * BlockHandOver} carries it across block boundaries.
   */
  static final int LOAD_TO_ADDRESS_EXTRA = 1;

  private static final int CORE_SLOTS = RegisterMask.CORE_BITS;
  private static final int FP_SLOTS = 64;

  private final CortexM7Timings timings;

  public DualIssue(CortexM7Timings timings) {
    this.timings = timings;
  }

  @Override
  public int schedule(
      Instruction[] block, int startCycle, int[] issueCycle, StallCounts.Tally stalls) {
    int[] coreWriter = new int[CORE_SLOTS];
    int[] fpWriter = new int[FP_SLOTS];
    int[] generation = new int[16];
    int[] accessGeneration = new int[block.length];
    Arrays.fill(coreWriter, -1);
    Arrays.fill(fpWriter, -1);
    int[] drained = new int[STORE_BUFFER_DEPTH];
    Arrays.fill(drained, startCycle);
    int subwordStores = 0;
    int lastSubwordStore = -1;
    int lastDrain = startCycle;

    int nextFree = startCycle; // first cycle whose older slot is free
    int lastIssue = startCycle - 1;
    int openOlder = -1; // instruction alone in the older slot of lastIssue, if it takes a partner
    for (int i = 0; i < block.length; i++) {
      Instruction insn = block[i];
      accessGeneration[i] =
          insn.addressBase() >= 0 && insn.addressBase() < 16 ? generation[insn.addressBase()] : -1;
      int[] binding = new int[1];
      boolean predictedFlow =
          insn.directBranch() || insn.kind() == InstructionClass.IT; // never waits for flags
      int ready =
          predictedFlow
              ? Integer.MIN_VALUE
              : readyCycle(block, i, issueCycle, coreWriter, fpWriter, binding);
      int bufferReady = Integer.MIN_VALUE;
      boolean subwordStore = isSubwordStore(insn);
      if (subwordStore && subwordStores >= STORE_BUFFER_DEPTH) {
        bufferReady = drained[subwordStores % STORE_BUFFER_DEPTH];
      }
      int issue;
      if (openOlder >= 0
          && ready <= lastIssue
          && bufferReady <= lastIssue
          && canPair(
              block[openOlder],
              insn,
              sameBankKnown(block, openOlder, i, accessGeneration) == Boolean.FALSE)) {
        issue = lastIssue;
        openOlder = -1;
        nextFree = Math.max(nextFree, issue + occupancy(insn));
      } else {
        int slotFree = Math.max(nextFree, lastIssue + 1);
        issue = Math.max(slotFree, Math.max(ready, bufferReady));
        if (issue > slotFree) {
          if (bufferReady >= ready) {
            stalls.storeBuffer += issue - slotFree;
          } else {
            stalls.waitedFor(binding[0] >= 0 ? block[binding[0]] : null, issue - slotFree);
          }
        } else if (openOlder >= 0) {
          stalls.dualIssueLost++;
        }
        openOlder = takesPartner(insn) ? i : -1;
        lastIssue = issue;
        nextFree = issue + occupancy(insn);
      }
      issueCycle[i] = issue;
      if (subwordStore) {
        boolean sameBank =
            lastSubwordStore >= 0
                && sameBankKnown(block, lastSubwordStore, i, accessGeneration) == Boolean.TRUE;
        lastDrain =
            Math.max(issue, lastDrain)
                + (sameBank ? SUBWORD_STORE_SAME_BANK : SUBWORD_STORE_OTHER_BANK);
        drained[subwordStores % STORE_BUFFER_DEPTH] = lastDrain;
        subwordStores++;
        lastSubwordStore = i;
      }
      record(insn.defs(), i, coreWriter, generation);
      for (long mask = insn.fpDefs(); mask != 0; mask &= mask - 1) {
        fpWriter[Long.numberOfTrailingZeros(mask)] = i;
      }
    }
    if (block.length == 0) {
      return startCycle;
    }
    Instruction last = block[block.length - 1];
    boolean foldsIntoSuccessor =
        openOlder == block.length - 1
            && (last.directBranch() || last.kind() == InstructionClass.IT);
    return foldsIntoSuccessor
        ? Math.max(nextFree - 1, lastIssue)
        : Math.max(nextFree, lastIssue + 1);
  }

  /**
   * Whether {@code older} and {@code younger} may issue in the same cycle [J].
   *
   * @param differentBanks both are immediate-offset accesses off the same unchanged base that hit
   *     different 32-bit banks (two loads pair only then)
   */
  static boolean canPair(Instruction older, Instruction younger, boolean differentBanks) {
    if (!takesPartner(older) || !pairable(younger)) {
      return false;
    }
    if (younger.bitfieldOrDsp()) {
      return false; // older slot only, and never two per cycle
    }
    boolean olderShifted = older.has(Instruction.FLAG_SHIFTED_OPERAND);
    boolean youngerShifted = younger.has(Instruction.FLAG_SHIFTED_OPERAND);
    if (youngerShifted
        && (olderShifted || older.bitfieldOrDsp() || older.has(Instruction.FLAG_PLAIN_SHIFT))) {
      return false; // operand2 matrix: one early-ALU shifter
    }
    boolean olderMul = CortexM7Timings.isMultiply(older);
    boolean youngerMul = CortexM7Timings.isMultiply(younger);
    if ((olderMul && youngerMul)
        || (olderMul && younger.isStore())
        || (youngerMul && older.isStore())) {
      return false;
    }
    if (older.isStore() && younger.isStore()) {
      return false;
    }
    if (older.isLoad() && younger.isLoad() && !differentBanks) {
      return false;
    }
    if (fpArithmetic(older) && fpArithmetic(younger)) {
      return false;
    }
    if (older.kind() == InstructionClass.VFP_DIV_SQRT && isFp(younger)) {
      return false; // VDIV/VSQRT take one integer partner
    }
    boolean olderFma = older.kind() == InstructionClass.VFP_MUL_ACC;
    boolean youngerFma = younger.kind() == InstructionClass.VFP_MUL_ACC;
    return !(olderFma && fpTransfer(younger)) && !(youngerFma && fpTransfer(older));
  }

  /** Can issue as the younger op at all. */
  private static boolean pairable(Instruction insn) {
    switch (insn.kind()) {
      case LOAD_MULTIPLE:
      case STORE_MULTIPLE:
      case DIVIDE:
      case SYSTEM:
      case UNDEFINED:
      case VFP_DIV_SQRT:
        return false;
      case VFP_LOAD_STORE:
        return insn.registerCount() <= 1 && !insn.doublePrecision();
      case VFP_ARITH:
      case VFP_MUL_ACC:
        return !insn.doublePrecision();
      default:
        return true;
    }
  }

  /** Can sit in the older slot with a younger partner. */
  private static boolean takesPartner(Instruction insn) {
    return insn.kind() == InstructionClass.VFP_DIV_SQRT || pairable(insn);
  }

  private static boolean fpArithmetic(Instruction insn) {
    InstructionClass k = insn.kind();
    return k == InstructionClass.VFP_ARITH
        || k == InstructionClass.VFP_MUL_ACC
        || k == InstructionClass.VFP_DIV_SQRT;
  }

  private static boolean fpTransfer(Instruction insn) {
    return insn.kind() == InstructionClass.VFP_LOAD_STORE
        || insn.kind() == InstructionClass.VFP_MOVE;
  }

  private static boolean isFp(Instruction insn) {
    return fpArithmetic(insn) || fpTransfer(insn);
  }

  private static boolean isSubwordStore(Instruction insn) {
    return insn.kind() == InstructionClass.STORE && insn.accessBytes() < 4;
  }

  /**
   * TRUE/FALSE when both accesses use the same base register, unchanged in between, with immediate
   * offsets (banks alternate every 32-bit word, assuming a word-aligned base); null when unknown.
   */
  private static Boolean sameBankKnown(
      Instruction[] block, int first, int second, int[] accessGeneration) {
    Instruction a = block[first];
    Instruction b = block[second];
    if (a.addressBase() < 0
        || a.addressBase() != b.addressBase()
        || accessGeneration[first] < 0
        || accessGeneration[first] != accessGeneration[second]
        || (a.writebackDefs() & RegisterMask.core(a.addressBase())) != 0) {
      return null;
    }
    return ((a.addressOffset() >> 2) & 1) == ((b.addressOffset() >> 2) & 1);
  }

  /** Cycles the instruction keeps the issue stage from taking a new older op. */
  private int occupancy(Instruction insn) {
    if (insn.kind() == InstructionClass.IT || insn.directBranch()) {
      return 1;
    }
    return Math.max(1, timings.issueCycles(insn));
  }

  /**
   * Earliest cycle at which every register {@code block[i]} reads is available; binding[0] = the
   * producer.
   */
  private int readyCycle(
      Instruction[] block,
      int i,
      int[] issueCycle,
      int[] coreWriter,
      int[] fpWriter,
      int[] binding) {
    Instruction insn = block[i];
    int ready = Integer.MIN_VALUE;
    binding[0] = -1;
    for (int uses = insn.uses(); uses != 0; uses &= uses - 1) {
      int reg = Integer.numberOfTrailingZeros(uses);
      int writer = coreWriter[reg];
      if (writer >= 0) {
        boolean late = (insn.lateUses() & (1 << reg)) != 0;
        int at = issueCycle[writer] + coreLatency(block[writer], insn, reg, late);
        if (at > ready) {
          ready = at;
          binding[0] = writer;
        }
      }
    }
    for (long uses = insn.fpUses(); uses != 0; uses &= uses - 1) {
      int writer = fpWriter[Long.numberOfTrailingZeros(uses)];
      if (writer >= 0) {
        int at = issueCycle[writer] + timings.latency(block[writer], insn, false);
        if (at > ready) {
          ready = at;
          binding[0] = writer;
        }
      }
    }
    return ready;
  }

  /**
   * Cycles a single store (or STRD) reads its data register later than an ALU operand: [J] "can
   * store any result in same cycle, including ldr, ldrh, ldrb" (a byte load's 2-cycle result
   * included); [L] reads it at EX3 ({@code M7Read_EX2}).
   */
  static final int STORE_DATA_ADVANCE = 2;

  /**
   * A result of an IT-conditional instruction read by an instruction under another condition (or
   * none) arrives one cycle later, at most {@link #MISMATCHED_PREDICATE_MAX} cycles after its
   * issue: [L] (ARMLatencyMutations.cpp, Cortex-M7 overrides) "Mismatched conditional producers
   * take longer on M7; they end up looking like they were produced at EX3 and read at IS".
   * Conditions of one pair (EQ/NE, MI/PL...) match, as in [L].
   */
  static final int MISMATCHED_PREDICATE_EXTRA = 1;

  static final int MISMATCHED_PREDICATE_MAX = 3;

  /** Whether {@code consumer} reads a result of {@code producer} under a different condition. */
  static boolean mismatchedPredicate(Instruction producer, Instruction consumer) {
    return producer.predicated() && producer.predicate() != consumer.predicate();
  }

  /** Latency raised for a mismatched conditional producer ({@link #MISMATCHED_PREDICATE_EXTRA}). */
  static int predicatedLatency(int latency) {
    return Math.max(
        latency, Math.min(MISMATCHED_PREDICATE_MAX, latency + MISMATCHED_PREDICATE_EXTRA));
  }

  /**
   * Core-register latency with the early/late ALU effects of [J] on top of {@link CortexM7Timings},
   * a store's late data read and the mismatched-condition delay.
   */
  int coreLatency(Instruction producer, Instruction consumer, int reg, boolean late) {
    int latency =
        late && consumer.kind() == InstructionClass.STORE
            ? Math.max(0, timings.coreLatency(producer, consumer, reg, false) - STORE_DATA_ADVANCE)
            : operandLatency(producer, consumer, reg, late);
    if (reg < 16 && mismatchedPredicate(producer, consumer)) {
      latency = predicatedLatency(latency);
    }
    return latency;
  }

  private int operandLatency(Instruction producer, Instruction consumer, int reg, boolean late) {
    int base = timings.coreLatency(producer, consumer, reg, late);
    if (reg >= 16) {
      return base; // flags are produced in the late ALU even by early-ALU instructions
    }
    boolean writeback = (producer.writebackDefs() & RegisterMask.core(reg)) != 0;
    boolean addressUse =
        !late
            && (consumer.isLoad()
                || consumer.kind() == InstructionClass.STORE
                || (consumer.isStore() && consumer.addressBase() == reg));
    if (addressUse && !writeback && producer.kind() == InstructionClass.LOAD) {
      return base + LOAD_TO_ADDRESS_EXTRA; // the address generator reads in EX1 [L]
    }
    if (producer.has(Instruction.FLAG_EARLY_RESULT) && !writeback) {
      return consumer.readsEarly() ? 1 : 0;
    }
    if (consumer.readsEarly() && !late) {
      base++;
    }
    if (producer.bitfieldOrDsp() && addressUse) {
      base = Math.max(base, 2);
    }
    return base;
  }

  private static void record(int defs, int index, int[] writer, int[] generation) {
    for (int mask = defs; mask != 0; mask &= mask - 1) {
      int reg = Integer.numberOfTrailingZeros(mask);
      writer[reg] = index;
      if (reg < 16) {
        generation[reg]++;
      }
    }
  }
}
