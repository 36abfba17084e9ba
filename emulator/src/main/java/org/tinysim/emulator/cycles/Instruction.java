package org.tinysim.emulator.cycles;

/**
 * One decoded Thumb/Thumb-2 instruction, reduced to what the timing model needs.
 *
 * @param length 2 or 4 bytes (a truncated trailing halfword is reported as 2, UNDEFINED)
 * @param kind timing class
 * @param flags {@code FLAG_*} bits
 * @param defs core registers written ({@link RegisterMask} core layout)
 * @param uses core registers read
 * @param lateUses subset of {@code uses} read late: a multiply-accumulate's addend (one stage), a
 *     single store's or STRD's data register (two, {@link DualIssue#STORE_DATA_ADVANCE})
 * @param fpDefs FP registers written ({@link RegisterMask} FP layout)
 * @param fpUses FP registers read
 * @param registerCount registers moved by LDM/STM/PUSH/POP/VLDM/VSTM (including PC), 2 for
 *     LDRD/STRD, else 1 for single loads/stores and 0 otherwise
 * @param accessBytes bytes per register for loads/stores (1, 2, 4; 8 for D registers), 0 otherwise
 * @param branchOffset target minus this instruction's address for direct branches, else 0
 * @param itCount instructions covered, for IT; else 0
 * @param writebackDefs subset of {@code defs} written by base-register writeback (ready from the
 *     address generator after one cycle, whatever the loaded data's latency)
 * @param addressBase base register of a single load/store with an immediate offset, or -1 (register
 *     offset, literal, multiple): lets the scheduler tell DTCM/D-cache banks apart
 * @param addressOffset byte offset from {@code addressBase} of the first byte accessed
 * @param predicate for an IT and the instructions it covers, the condition pair it tests ({@code
 *     firstcond >> 1}: EQ/NE = 0, CS/CC = 1 ... AL = 7); -1 for everything else
 */
public record Instruction(
    int length,
    InstructionClass kind,
    int flags,
    int defs,
    int uses,
    int lateUses,
    long fpDefs,
    long fpUses,
    int registerCount,
    int accessBytes,
    int branchOffset,
    int itCount,
    int writebackDefs,
    int addressBase,
    int addressOffset,
    int predicate) {

  /** Writes the PC: any branch, POP/LDM with PC, LDR pc, MOV/ADD pc, TBB/TBH. */
  public static final int FLAG_WRITES_PC = 1;

  /** Bcc, CBZ/CBNZ, or inside an IT block. */
  public static final int FLAG_CONDITIONAL = 1 << 1;

  /** B, Bcc, BL, CBZ/CBNZ: target known at decode. */
  public static final int FLAG_DIRECT_BRANCH = 1 << 2;

  /** Reads memory. */
  public static final int FLAG_LOAD = 1 << 3;

  /** Writes memory. */
  public static final int FLAG_STORE = 1 << 4;

  /** VFP operation on doubles (sz = 1 or D-register transfer). */
  public static final int FLAG_DOUBLE = 1 << 5;

  /** VFMA/VFMS/VFNMA/VFNMS: fused, one rounding. */
  public static final int FLAG_FUSED = 1 << 6;

  /** VSQRT (as opposed to VDIV). */
  public static final int FLAG_SQRT = 1 << 7;

  /** VMUL/VNMUL: a multiply in the FP add/mul class. */
  public static final int FLAG_FP_MULTIPLY = 1 << 8;

  /** BL/BLX: writes LR with the return address. */
  public static final int FLAG_LINK = 1 << 9;

  /** Sign-extending load (LDRSB/LDRSH). */
  public static final int FLAG_SIGNED = 1 << 10;

  /** PLD/PLI: a load that writes no register. */
  public static final int FLAG_PRELOAD = 1 << 11;

  /**
   * Operand2 is an inline-shifted register or a shifted (rotated) constant: read in the early ALU.
   */
  public static final int FLAG_SHIFTED_OPERAND = 1 << 12;

  /**
   * LSL/LSR/ASR/ROR (the MOV aliases): may issue from either slot, unlike bitfield/DSP operations.
   */
  public static final int FLAG_PLAIN_SHIFT = 1 << 13;

  /**
   * ADD/SUB/MOV without shift: the early ALU forwards the result to a late-ALU partner in 0 cycles.
   */
  public static final int FLAG_EARLY_RESULT = 1 << 14;

  public boolean writesPc() {
    return has(FLAG_WRITES_PC);
  }

  public boolean conditional() {
    return has(FLAG_CONDITIONAL);
  }

  public boolean directBranch() {
    return has(FLAG_DIRECT_BRANCH);
  }

  /** A PC write whose target comes from a register or memory. */
  public boolean indirectBranch() {
    return writesPc() && !directBranch();
  }

  public boolean isLoad() {
    return has(FLAG_LOAD);
  }

  public boolean isStore() {
    return has(FLAG_STORE);
  }

  public boolean doublePrecision() {
    return has(FLAG_DOUBLE);
  }

  /**
   * Bitfield, extend, REV/CLZ, PKH, saturating and SIMD ops: older slot only, never two per cycle
   * [J].
   */
  public boolean bitfieldOrDsp() {
    return kind == InstructionClass.SATURATE_SIMD
        || (kind == InstructionClass.SHIFT_EXTEND && !has(FLAG_PLAIN_SHIFT));
  }

  /**
   * Reads an operand in the early ALU, so it needs its sources one cycle earlier than usual [J].
   */
  public boolean readsEarly() {
    return bitfieldOrDsp() || has(FLAG_SHIFTED_OPERAND);
  }

  public boolean has(int flag) {
    return (flags & flag) != 0;
  }

  /**
   * Copy marked conditional, for instructions inside an IT block testing {@code itPredicate} (the
   * IT's {@link #predicate}). It reads the flags, and a 16-bit data-processing instruction stops
   * setting them ("setflags = !InITBlock()"); compares, which write no register, still do.
   */
  Instruction asConditional(int itPredicate) {
    boolean writesRegister = (defs & 0xFFFF) != 0;
    int conditionalDefs = length == 2 && writesRegister ? defs & ~RegisterMask.APSR_FLAGS : defs;
    return new Instruction(
        length,
        kind,
        flags | FLAG_CONDITIONAL,
        conditionalDefs,
        uses | RegisterMask.APSR_FLAGS,
        lateUses,
        fpDefs,
        fpUses,
        registerCount,
        accessBytes,
        branchOffset,
        itCount,
        writebackDefs,
        addressBase,
        addressOffset,
        itPredicate);
  }

  /** Condition pair of {@link #predicate} meaning "always" (IT AL). */
  public static final int PREDICATE_ALWAYS = 7;

  /** Executed under an IT condition other than AL. */
  public boolean predicated() {
    return predicate >= 0 && predicate != PREDICATE_ALWAYS;
  }
}
