package org.tinysim.emulator.cycles;

import static org.tinysim.emulator.cycles.InstructionBuilder.of;
import static org.tinysim.emulator.cycles.InstructionClass.*;
import static org.tinysim.emulator.cycles.RegisterMask.APSR_FLAGS;
import static org.tinysim.emulator.cycles.RegisterMask.APSR_GE;
import static org.tinysim.emulator.cycles.RegisterMask.PC;
import static org.tinysim.emulator.cycles.ThumbDecoder.bit;
import static org.tinysim.emulator.cycles.ThumbDecoder.bits;

/**
 * 32-bit data processing: immediate, shifted register and register (ARMv7-M ARM A5.3.1-A5.3.3,
 * A5.3.12).
 */
final class DataProcessingDecoder {
  private static final int RN_NONE = 0b1111;

  private DataProcessingDecoder() {}

  /** AND..RSB with a modified (rotated/replicated) 12-bit immediate. */
  static Instruction modifiedImmediate(int hw1, int hw2) {
    int op = bits(hw1, 8, 5);
    if (!isModifiedImmediateOrShiftedOp(op)) {
      return InstructionBuilder.undefined(4);
    }
    boolean shiftedConstant = bit(hw1, 10) || bit(hw2, 14); // imm12<11:10> != 00: a rotated byte
    int flags =
        shiftedConstant
            ? Instruction.FLAG_SHIFTED_OPERAND
            : isAddSubMove(op, bits(hw1, 3, 0)) ? Instruction.FLAG_EARLY_RESULT : 0;
    return aluOp(op, bit(hw1, 4), bits(hw1, 3, 0), bits(hw2, 11, 8), -1, ALU, 0, flags);
  }

  /** ADD, SUB, and MOV (ORR with Rn = PC): the ops the early ALU forwards in 0 cycles [J]. */
  private static boolean isAddSubMove(int op, int rn) {
    return op == 0b1000 || op == 0b1101 || (op == 0b0010 && rn == RN_NONE);
  }

  /** AND..RSB and PKH with a register operand shifted by an immediate; MOV/shift aliases. */
  static Instruction shiftedRegister(int hw1, int hw2) {
    int op = bits(hw1, 8, 5);
    int rn = bits(hw1, 3, 0);
    int rd = bits(hw2, 11, 8);
    int rm = bits(hw2, 3, 0);
    boolean s = bit(hw1, 4);
    if (op == 0b0110) { // PKHBT, PKHTB
      return s ? InstructionBuilder.undefined(4) : of(4, SHIFT_EXTEND).def(rd).use(rn, rm).build();
    }
    if (!isModifiedImmediateOrShiftedOp(op)) {
      return InstructionBuilder.undefined(4);
    }
    int shiftAmount = bits(hw2, 14, 12) << 2 | bits(hw2, 7, 6);
    int type = bits(hw2, 5, 4);
    boolean isMoveOrShift = op == 0b0010 && rn == RN_NONE;
    boolean plainMove = shiftAmount == 0 && type == 0;
    InstructionClass kind = isMoveOrShift && !plainMove ? SHIFT_EXTEND : ALU;
    int rrxCarry = type == 0b11 && shiftAmount == 0 ? APSR_FLAGS : 0; // RRX reads the carry
    int flags =
        isMoveOrShift && !plainMove
            ? Instruction.FLAG_PLAIN_SHIFT
            : !plainMove
                ? Instruction.FLAG_SHIFTED_OPERAND
                : isAddSubMove(op, rn) ? Instruction.FLAG_EARLY_RESULT : 0;
    return aluOp(op, s, rn, rd, rm, kind, rrxCarry, flags);
  }

  /** ADDW/SUBW/ADR, MOVW/MOVT, SSAT/USAT(16), SBFX/UBFX, BFI/BFC. */
  static Instruction plainImmediate(int hw1, int hw2) {
    int op = bits(hw1, 8, 4);
    int rn = bits(hw1, 3, 0);
    int rd = bits(hw2, 11, 8);
    switch (op) {
      case 0b00000:
      case 0b01010: // ADDW, SUBW (ADR when Rn is PC)
        return of(4, ALU).flag(Instruction.FLAG_EARLY_RESULT).def(rd).use(rn).build();
      case 0b00100: // MOVW
        return of(4, ALU).flag(Instruction.FLAG_EARLY_RESULT).def(rd).build();
      case 0b01100: // MOVT keeps the low half of Rd
        return of(4, ALU).flag(Instruction.FLAG_EARLY_RESULT).def(rd).use(rd).build();
      case 0b10000:
      case 0b10010:
      case 0b11000:
      case 0b11010: // SSAT, SSAT16, USAT, USAT16
        return of(4, SATURATE_SIMD).def(rd).use(rn).build();
      case 0b10100:
      case 0b11100: // SBFX, UBFX
        return of(4, SHIFT_EXTEND).def(rd).use(rn).build();
      case 0b10110:
        { // BFI; BFC when Rn is PC
          InstructionBuilder b = of(4, SHIFT_EXTEND).def(rd).use(rd);
          return (rn == RN_NONE ? b : b.use(rn)).build();
        }
      default:
        return InstructionBuilder.undefined(4);
    }
  }

  /** Shift by register, extends, parallel add/sub, QADD family, REV/RBIT/CLZ/SEL. */
  static Instruction register(int hw1, int hw2) {
    if (bits(hw2, 15, 12) != 0b1111) {
      return InstructionBuilder.undefined(4);
    }
    int op1 = bits(hw1, 7, 4);
    int op2 = bits(hw2, 7, 4);
    int rn = bits(hw1, 3, 0);
    int rd = bits(hw2, 11, 8);
    int rm = bits(hw2, 3, 0);
    if (!bit(op1, 3)) {
      if (op2 == 0) { // LSL/LSR/ASR/ROR by register
        return of(4, SHIFT_EXTEND)
            .flag(Instruction.FLAG_PLAIN_SHIFT)
            .def(rd)
            .use(rn, rm)
            .setsFlags(bit(op1, 0))
            .build();
      }
      if (bit(op2, 3) && op1 <= 0b0101) { // SXTAH..UXTAB; Rn == PC is the non-accumulating form
        InstructionBuilder b = of(4, SHIFT_EXTEND).def(rd).use(rm);
        return (rn == RN_NONE ? b : b.use(rn)).build();
      }
      return InstructionBuilder.undefined(4);
    }
    if (!bit(op2, 3)) {
      return parallelAddSubtract(op1, op2, rn, rd, rm);
    }
    if ((op1 & 0b1100) == 0b1000 && (op2 & 0b1100) == 0b1000) {
      return miscellaneous(bits(op1, 1, 0), bits(op2, 1, 0), rn, rd, rm);
    }
    return InstructionBuilder.undefined(4);
  }

  private static Instruction parallelAddSubtract(int op1, int op2, int rn, int rd, int rm) {
    int op = op1 & 0b111;
    int variant = op2 & 0b11; // 00 plain (sets GE), 01 saturating, 10 halving
    if (op == 0b011 || op == 0b111 || variant == 0b11) {
      return InstructionBuilder.undefined(4);
    }
    InstructionBuilder b = of(4, SATURATE_SIMD).def(rd).use(rn, rm);
    return (variant == 0 ? b.defMask(APSR_GE) : b).build();
  }

  private static Instruction miscellaneous(int op1, int op2, int rn, int rd, int rm) {
    switch (op1) {
      case 0b00: // QADD, QDADD, QSUB, QDSUB
        return of(4, SATURATE_SIMD).def(rd).use(rn, rm).build();
      case 0b01: // REV, REV16, RBIT, REVSH (Rm is encoded twice)
        return of(4, SHIFT_EXTEND).def(rd).use(rm).build();
      case 0b10: // SEL
        return op2 == 0
            ? of(4, SATURATE_SIMD).def(rd).use(rn, rm).useMask(APSR_GE).build()
            : InstructionBuilder.undefined(4);
      default: // CLZ
        return op2 == 0
            ? of(4, SHIFT_EXTEND).def(rd).use(rm).build()
            : InstructionBuilder.undefined(4);
    }
  }

  private static boolean isModifiedImmediateOrShiftedOp(int op) {
    switch (op) {
      case 0b0000:
      case 0b0001:
      case 0b0010:
      case 0b0011:
      case 0b0100:
      case 0b1000:
      case 0b1010:
      case 0b1011:
      case 0b1101:
      case 0b1110:
        return true;
      default:
        return false;
    }
  }

  /** Shared shape of AND..RSB: compare forms (Rd == PC with S) write only flags. */
  private static Instruction aluOp(
      int op, boolean s, int rn, int rd, int rm, InstructionClass kind, int extraUses, int flags) {
    boolean compareForm =
        s && rd == PC && (op == 0b0000 || op == 0b0100 || op == 0b1000 || op == 0b1101);
    boolean noRn = rn == RN_NONE && (op == 0b0010 || op == 0b0011); // MOV, MVN
    InstructionBuilder b = of(4, kind).setsFlags(s).useMask(extraUses).flag(flags);
    if (!compareForm) {
      b.def(rd);
    }
    if (!noRn) {
      b.use(rn);
    }
    if (rm >= 0) {
      b.use(rm);
    }
    if (op == 0b1010 || op == 0b1011) { // ADC, SBC
      b.useMask(APSR_FLAGS);
    }
    return b.build();
  }
}
