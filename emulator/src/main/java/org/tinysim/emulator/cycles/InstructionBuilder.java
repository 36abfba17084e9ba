package org.tinysim.emulator.cycles;

/**
 * Fluent, throw-away accumulator the family decoders fill in; keeps their code one line per
 * operand.
 */
final class InstructionBuilder {
  private final int length;
  private InstructionClass kind;
  private int flags;
  private int defs;
  private int uses;
  private int lateUses;
  private long fpDefs;
  private long fpUses;
  private int registerCount;
  private int accessBytes;
  private int branchOffset;
  private int itCount;
  private int writebackDefs;
  private int addressBase = -1;
  private int addressOffset;
  private int predicate = -1;

  private InstructionBuilder(int length, InstructionClass kind) {
    this.length = length;
    this.kind = kind;
  }

  static InstructionBuilder of(int length, InstructionClass kind) {
    return new InstructionBuilder(length, kind);
  }

  static Instruction undefined(int length) {
    return of(length, InstructionClass.UNDEFINED).build();
  }

  InstructionBuilder kind(InstructionClass newKind) {
    this.kind = newKind;
    return this;
  }

  /** Destination core register; a write to PC also marks the instruction as a PC write. */
  InstructionBuilder def(int reg) {
    defs |= RegisterMask.core(reg);
    if (reg == RegisterMask.PC) {
      flags |= Instruction.FLAG_WRITES_PC;
    }
    return this;
  }

  InstructionBuilder defMask(int mask) {
    defs |= mask;
    if ((mask & RegisterMask.core(RegisterMask.PC)) != 0) {
      flags |= Instruction.FLAG_WRITES_PC;
    }
    return this;
  }

  /** Base register updated by the addressing mode (pre/post-index, LDM/STM '!', PUSH/POP). */
  InstructionBuilder writeback(int reg) {
    writebackDefs |= RegisterMask.core(reg);
    return def(reg);
  }

  InstructionBuilder use(int reg) {
    uses |= RegisterMask.core(reg);
    return this;
  }

  InstructionBuilder use(int reg1, int reg2) {
    return use(reg1).use(reg2);
  }

  InstructionBuilder useMask(int mask) {
    uses |= mask;
    return this;
  }

  /**
   * Data register {@code rt} of a single store or STRD, read late (after the address); a register
   * that is also one of {@code addressRegs} stays an ordinary (address) use.
   */
  InstructionBuilder storeData(int rt, int... addressRegs) {
    uses |= RegisterMask.core(rt);
    for (int reg : addressRegs) {
      if (reg == rt) {
        return this;
      }
    }
    lateUses |= RegisterMask.core(rt);
    return this;
  }

  /** Address operand (base or index): read early, even if it is also a store's data register. */
  InstructionBuilder addressUse(int reg) {
    uses |= RegisterMask.core(reg);
    lateUses &= ~RegisterMask.core(reg);
    return this;
  }

  /** Addend read a stage later than normal operands (multiply-accumulate chains). */
  InstructionBuilder lateUse(int reg) {
    uses |= RegisterMask.core(reg);
    lateUses |= RegisterMask.core(reg);
    return this;
  }

  InstructionBuilder setsFlags(boolean s) {
    if (s) {
      defs |= RegisterMask.APSR_FLAGS;
    }
    return this;
  }

  InstructionBuilder fpDef(long mask) {
    fpDefs |= mask;
    return this;
  }

  InstructionBuilder fpUse(long mask) {
    fpUses |= mask;
    return this;
  }

  InstructionBuilder flag(int flag) {
    flags |= flag;
    return this;
  }

  InstructionBuilder flagIf(boolean condition, int flag) {
    if (condition) {
      flags |= flag;
    }
    return this;
  }

  /** A load of {@code count} registers of {@code bytes} each. */
  InstructionBuilder load(int bytes, int count) {
    flags |= Instruction.FLAG_LOAD;
    accessBytes = bytes;
    registerCount = count;
    return this;
  }

  InstructionBuilder store(int bytes, int count) {
    flags |= Instruction.FLAG_STORE;
    accessBytes = bytes;
    registerCount = count;
    return this;
  }

  /** Direct branch to {@code offset} bytes from this instruction's address. */
  InstructionBuilder directBranch(int offset) {
    flags |= Instruction.FLAG_WRITES_PC | Instruction.FLAG_DIRECT_BRANCH;
    branchOffset = offset;
    return this;
  }

  /** Immediate-offset address {@code [base, #offset]} of a single load/store. */
  InstructionBuilder address(int base, int offset) {
    addressBase = base;
    addressOffset = offset;
    return this;
  }

  InstructionBuilder itCount(int count) {
    itCount = count;
    return this;
  }

  /** The condition pair an IT tests ({@code firstcond >> 1}). */
  InstructionBuilder predicate(int pair) {
    predicate = pair;
    return this;
  }

  Instruction build() {
    return new Instruction(
        length,
        kind,
        flags,
        defs,
        uses,
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
        predicate);
  }
}
