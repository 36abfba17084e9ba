package org.tinysim.emulator.cycles;

import static org.tinysim.emulator.cycles.InstructionBuilder.of;
import static org.tinysim.emulator.cycles.InstructionClass.*;
import static org.tinysim.emulator.cycles.ThumbDecoder.bits;

/** 32-bit multiplies, multiply-accumulates and divides (ARMv7-M ARM A5.3.16, A5.3.17). */
final class MultiplyDecoder {
  private static final int NO_ACCUMULATOR = 0b1111;

  private MultiplyDecoder() {}

  /**
   * MUL/MLA/MLS, SMULxy/SMLAxy, SMUAD/SMLAD, SMULWy/SMLAWy, SMUSD/SMLSD, SMMUL/SMMLA/SMMLS,
   * USAD8/USADA8.
   */
  static Instruction multiply(int hw1, int hw2) {
    if (bits(hw2, 7, 6) != 0) {
      return InstructionBuilder.undefined(4);
    }
    int op1 = bits(hw1, 6, 4);
    int op2 = bits(hw2, 5, 4);
    int ra = bits(hw2, 15, 12);
    boolean accumulates = ra != NO_ACCUMULATOR;
    InstructionClass kind;
    switch (op1) {
      case 0b000: // MUL/MLA (op2 00), MLS (op2 01)
        if (op2 > 0b01) {
          return InstructionBuilder.undefined(4);
        }
        kind = op2 == 0b01 ? MAC : accumulates ? MAC : MUL;
        accumulates |= op2 == 0b01;
        break;
      case 0b001: // SMULxy / SMLAxy: all four N:M halves
        kind = accumulates ? DSP_MAC : MUL;
        break;
      case 0b010:
      case 0b011:
      case 0b100: // SMUAD/SMLAD, SMULWy/SMLAWy, SMUSD/SMLSD
        if (op2 > 0b01) {
          return InstructionBuilder.undefined(4);
        }
        kind = accumulates ? DSP_MAC : MUL;
        break;
      case 0b101: // SMMUL / SMMLA
        if (op2 > 0b01) {
          return InstructionBuilder.undefined(4);
        }
        kind = accumulates ? MAC : MUL;
        break;
      case 0b110: // SMMLS always accumulates
        if (op2 > 0b01 || !accumulates) {
          return InstructionBuilder.undefined(4);
        }
        kind = MAC;
        break;
      default: // USAD8 / USADA8
        if (op2 != 0) {
          return InstructionBuilder.undefined(4);
        }
        kind = accumulates ? DSP_MAC : MUL;
        break;
    }
    InstructionBuilder b = of(4, kind).def(bits(hw2, 11, 8)).use(bits(hw1, 3, 0), bits(hw2, 3, 0));
    return (accumulates ? b.lateUse(ra) : b).build();
  }

  /** SMULL/UMULL, SMLAL/UMLAL/UMAAL, SMLALxy/SMLALD/SMLSLD, SDIV/UDIV. */
  static Instruction longMultiplyDivide(int hw1, int hw2) {
    int op1 = bits(hw1, 6, 4);
    int op2 = bits(hw2, 7, 4);
    int rn = bits(hw1, 3, 0);
    int rm = bits(hw2, 3, 0);
    int rdLo = bits(hw2, 15, 12);
    int rdHi = bits(hw2, 11, 8);
    if ((op1 == 0b001 || op1 == 0b011) && op2 == 0b1111) { // SDIV, UDIV
      return of(4, DIVIDE).def(rdHi).use(rn, rm).build();
    }
    InstructionClass kind = longMultiplyKind(op1, op2);
    if (kind == UNDEFINED) {
      return InstructionBuilder.undefined(4);
    }
    InstructionBuilder b = of(4, kind).def(rdLo).def(rdHi).use(rn, rm);
    return (kind == MUL ? b : b.lateUse(rdLo).lateUse(rdHi)).build();
  }

  private static InstructionClass longMultiplyKind(int op1, int op2) {
    switch (op1) {
      case 0b000:
      case 0b010: // SMULL, UMULL
        return op2 == 0 ? MUL : UNDEFINED;
      case 0b100: // SMLAL, SMLALxy, SMLALD
        if (op2 == 0) {
          return MAC;
        }
        return (op2 & 0b1100) == 0b1000 || (op2 & 0b1110) == 0b1100 ? DSP_MAC : UNDEFINED;
      case 0b101: // SMLSLD
        return (op2 & 0b1110) == 0b1100 ? DSP_MAC : UNDEFINED;
      case 0b110: // UMLAL, UMAAL
        return op2 == 0 || op2 == 0b0110 ? MAC : UNDEFINED;
      default:
        return UNDEFINED;
    }
  }
}
