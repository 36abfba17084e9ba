package org.tinysim.emulator.cycles;

import static org.tinysim.emulator.cycles.InstructionBuilder.of;
import static org.tinysim.emulator.cycles.InstructionClass.*;
import static org.tinysim.emulator.cycles.RegisterMask.*;
import static org.tinysim.emulator.cycles.ThumbDecoder.bit;
import static org.tinysim.emulator.cycles.ThumbDecoder.bits;
import static org.tinysim.emulator.cycles.ThumbDecoder.signExtend;

/** The 16-bit Thumb instruction set (ARMv7-M ARM section A5.2). */
final class Thumb16Decoder {
  private Thumb16Decoder() {}

  static Instruction decode(int hw) {
    switch (hw >>> 12) {
      case 0b0000:
      case 0b0001:
      case 0b0010:
      case 0b0011:
        return shiftAddSubMoveCompare(hw);
      case 0b0100:
        return bit(hw, 11)
            ? loadLiteral(hw)
            : bit(hw, 10) ? specialDataOrBranch(hw) : dataProcessing(hw);
      case 0b0101:
        return loadStoreRegister(hw);
      case 0b0110:
      case 0b0111:
        return loadStoreImmediate(hw, bit(hw, 12) ? 1 : 4);
      case 0b1000:
        return loadStoreImmediate(hw, 2);
      case 0b1001:
        return loadStoreSpRelative(hw);
      case 0b1010:
        return of(2, ALU)
            .flag(Instruction.FLAG_EARLY_RESULT)
            .def(bits(hw, 10, 8))
            .use(bit(hw, 11) ? SP : PC)
            .build();
      case 0b1011:
        return miscellaneous(hw);
      case 0b1100:
        return loadStoreMultiple(hw);
      case 0b1101:
        return conditionalBranchOrSvc(hw);
      default: // 0b1110: the only 16-bit form left is B (0b11100); 32-bit prefixes never get here.
        return of(2, BRANCH).directBranch(signExtend(bits(hw, 10, 0) << 1, 12) + 4).build();
    }
  }

  private static Instruction shiftAddSubMoveCompare(int hw) {
    int rd = bits(hw, 2, 0);
    int source = bits(hw, 5, 3); // Rm of a shift, Rn of an add/subtract
    switch (bits(hw, 13, 11)) {
      case 0b000: // LSL #imm; LSL #0 is MOVS
        return (bits(hw, 10, 6) == 0
                ? of(2, ALU).flag(Instruction.FLAG_EARLY_RESULT)
                : of(2, SHIFT_EXTEND).flag(Instruction.FLAG_PLAIN_SHIFT))
            .def(rd)
            .use(source)
            .setsFlags(true)
            .build();
      case 0b001:
      case 0b010:
        return of(2, SHIFT_EXTEND)
            .flag(Instruction.FLAG_PLAIN_SHIFT)
            .def(rd)
            .use(source)
            .setsFlags(true)
            .build();
      case 0b011:
        { // ADD/SUB register or 3-bit immediate
          InstructionBuilder b =
              of(2, ALU).flag(Instruction.FLAG_EARLY_RESULT).def(rd).use(source).setsFlags(true);
          return (bit(hw, 10) ? b : b.use(bits(hw, 8, 6))).build();
        }
      case 0b101: // CMP imm8
        return of(2, ALU).use(bits(hw, 10, 8)).setsFlags(true).build();
      case 0b100: // MOV imm8
        return of(2, ALU)
            .flag(Instruction.FLAG_EARLY_RESULT)
            .def(bits(hw, 10, 8))
            .setsFlags(true)
            .build();
      default: // ADD/SUB imm8
        return of(2, ALU)
            .flag(Instruction.FLAG_EARLY_RESULT)
            .def(bits(hw, 10, 8))
            .use(bits(hw, 10, 8))
            .setsFlags(true)
            .build();
    }
  }

  private static Instruction dataProcessing(int hw) {
    int rdn = bits(hw, 2, 0);
    int rm = bits(hw, 5, 3);
    int op = bits(hw, 9, 6);
    InstructionBuilder b = of(2, ALU).use(rm).setsFlags(true);
    switch (op) {
      case 0b0010:
      case 0b0011:
      case 0b0100:
      case 0b0111: // LSL, LSR, ASR, ROR by register
        return b.kind(SHIFT_EXTEND).flag(Instruction.FLAG_PLAIN_SHIFT).def(rdn).use(rdn).build();
      case 0b0101:
      case 0b0110: // ADC, SBC read the carry
        return b.def(rdn).use(rdn).useMask(APSR_FLAGS).build();
      case 0b1000:
      case 0b1010:
      case 0b1011: // TST, CMP, CMN
        return b.use(rdn).build();
      case 0b1001: // RSB #0 (NEG)
        return b.def(rdn).build();
      case 0b1101:
        return b.kind(MUL).def(rdn).use(rdn).build();
      case 0b1111: // MVN
        return b.def(rdn).build();
      default: // AND, EOR, ORR, BIC
        return b.def(rdn).use(rdn).build();
    }
  }

  private static Instruction specialDataOrBranch(int hw) {
    int rm = bits(hw, 6, 3);
    int rdn = bits(hw, 2, 0) | (bit(hw, 7) ? 8 : 0);
    switch (bits(hw, 9, 8)) {
      case 0b00: // ADD (high registers)
        return of(2, ALU).flag(Instruction.FLAG_EARLY_RESULT).def(rdn).use(rdn, rm).build();
      case 0b01: // CMP (high registers)
        return of(2, ALU).use(rdn, rm).setsFlags(true).build();
      case 0b10: // MOV (high registers)
        return of(2, ALU).flag(Instruction.FLAG_EARLY_RESULT).def(rdn).use(rm).build();
      default:
        { // BX / BLX register
          if (bits(hw, 2, 0) != 0) {
            return InstructionBuilder.undefined(2);
          }
          InstructionBuilder b = of(2, BRANCH).use(rm).def(PC);
          return (bit(hw, 7) ? b.def(LR).flag(Instruction.FLAG_LINK) : b).build();
        }
    }
  }

  private static Instruction loadLiteral(int hw) {
    return of(2, LOAD).def(bits(hw, 10, 8)).use(PC).load(4, 1).build();
  }

  private static Instruction loadStoreRegister(int hw) {
    int rt = bits(hw, 2, 0);
    int rn = bits(hw, 5, 3);
    int rm = bits(hw, 8, 6);
    int op = bits(hw, 11, 9);
    int[] sizes = {4, 2, 1, 1, 4, 2, 1, 2}; // STR STRH STRB LDRSB LDR LDRH LDRB LDRSH
    int size = sizes[op];
    if (op <= 0b010) {
      return of(2, STORE).use(rn, rm).storeData(rt, rn, rm).store(size, 1).build();
    }
    return of(2, LOAD)
        .def(rt)
        .use(rn, rm)
        .load(size, 1)
        .flagIf(op == 0b011 || op == 0b111, Instruction.FLAG_SIGNED)
        .build();
  }

  private static Instruction loadStoreImmediate(int hw, int size) {
    int rt = bits(hw, 2, 0);
    int rn = bits(hw, 5, 3);
    int offset = bits(hw, 10, 6) * size;
    if (bit(hw, 11)) {
      return of(2, LOAD).def(rt).use(rn).load(size, 1).address(rn, offset).build();
    }
    return of(2, STORE).use(rn).storeData(rt, rn).store(size, 1).address(rn, offset).build();
  }

  private static Instruction loadStoreSpRelative(int hw) {
    int rt = bits(hw, 10, 8);
    int offset = bits(hw, 7, 0) * 4;
    if (bit(hw, 11)) {
      return of(2, LOAD).def(rt).use(SP).load(4, 1).address(SP, offset).build();
    }
    return of(2, STORE).use(SP).storeData(rt, SP).store(4, 1).address(SP, offset).build();
  }

  private static Instruction loadStoreMultiple(int hw) {
    int rn = bits(hw, 10, 8);
    int list = bits(hw, 7, 0);
    int count = Integer.bitCount(list);
    if (bit(hw, 11)) { // LDMIA writes back unless Rn is in the list
      InstructionBuilder b = of(2, LOAD_MULTIPLE).use(rn).defMask(list).load(4, count);
      return ((list & core(rn)) == 0 ? b.writeback(rn) : b).build();
    }
    return of(2, STORE_MULTIPLE).use(rn).useMask(list).writeback(rn).store(4, count).build();
  }

  private static Instruction conditionalBranchOrSvc(int hw) {
    int cond = bits(hw, 11, 8);
    if (cond == 0b1110) { // UDF
      return InstructionBuilder.undefined(2);
    }
    if (cond == 0b1111) {
      return of(2, SYSTEM).build(); // SVC
    }
    return of(2, BRANCH_CONDITIONAL)
        .useMask(APSR_FLAGS)
        .flag(Instruction.FLAG_CONDITIONAL)
        .directBranch(signExtend(bits(hw, 7, 0) << 1, 9) + 4)
        .build();
  }

  private static Instruction miscellaneous(int hw) {
    switch (bits(hw, 11, 8)) {
      case 0b0000: // ADD/SUB SP, SP, #imm
        return of(2, ALU).flag(Instruction.FLAG_EARLY_RESULT).def(SP).use(SP).build();
      case 0b0001:
      case 0b0011:
      case 0b1001:
      case 0b1011: // CBZ, CBNZ
        return of(2, BRANCH_CONDITIONAL)
            .use(bits(hw, 2, 0))
            .flag(Instruction.FLAG_CONDITIONAL)
            .directBranch(((bit(hw, 9) ? 1 << 6 : 0) | bits(hw, 7, 3) << 1) + 4)
            .build();
      case 0b0010: // SXTH, SXTB, UXTH, UXTB
        return of(2, SHIFT_EXTEND).def(bits(hw, 2, 0)).use(bits(hw, 5, 3)).build();
      case 0b0100:
      case 0b0101:
        { // PUSH
          int list = bits(hw, 7, 0) | (bit(hw, 8) ? core(LR) : 0);
          return of(2, STORE_MULTIPLE)
              .use(SP)
              .useMask(list)
              .writeback(SP)
              .store(4, Integer.bitCount(list))
              .build();
        }
      case 0b1100:
      case 0b1101:
        { // POP
          int list = bits(hw, 7, 0) | (bit(hw, 8) ? core(PC) : 0);
          return of(2, LOAD_MULTIPLE)
              .use(SP)
              .writeback(SP)
              .defMask(list)
              .load(4, Integer.bitCount(list))
              .build();
        }
      case 0b0110:
        return (hw & 0xFFE8) == 0xB660
            ? of(2, SYSTEM).build()
            : InstructionBuilder.undefined(2); // CPS
      case 0b1010: // REV, REV16, REVSH (0b10 is not ARMv7-M)
        return bits(hw, 7, 6) == 0b10
            ? InstructionBuilder.undefined(2)
            : of(2, SHIFT_EXTEND).def(bits(hw, 2, 0)).use(bits(hw, 5, 3)).build();
      case 0b1110:
        return of(2, SYSTEM).build(); // BKPT
      case 0b1111:
        return itOrHint(hw);
      default:
        return InstructionBuilder.undefined(2);
    }
  }

  private static Instruction itOrHint(int hw) {
    int mask = bits(hw, 3, 0);
    if (mask != 0) {
      return of(2, IT)
          .useMask(APSR_FLAGS)
          .itCount(4 - Integer.numberOfTrailingZeros(mask))
          .predicate(bits(hw, 7, 5))
          .build();
    }
    int hint = bits(hw, 7, 4);
    // WFE, WFI, SEV interact with the system; NOP, YIELD and unallocated hints do nothing.
    return of(2, hint >= 2 && hint <= 4 ? SYSTEM : NOP).build();
  }
}
