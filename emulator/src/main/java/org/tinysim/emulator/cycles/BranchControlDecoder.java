package org.tinysim.emulator.cycles;

import static org.tinysim.emulator.cycles.InstructionBuilder.of;
import static org.tinysim.emulator.cycles.InstructionClass.*;
import static org.tinysim.emulator.cycles.RegisterMask.APSR_FLAGS;
import static org.tinysim.emulator.cycles.RegisterMask.LR;
import static org.tinysim.emulator.cycles.ThumbDecoder.bit;
import static org.tinysim.emulator.cycles.ThumbDecoder.bits;
import static org.tinysim.emulator.cycles.ThumbDecoder.signExtend;

/** 32-bit branches and miscellaneous control (ARMv7-M ARM A5.3.4). */
final class BranchControlDecoder {
  private static final int HINTS = 0b0111010;
  private static final int MISC_CONTROL = 0b0111011;

  private BranchControlDecoder() {}

  static Instruction decode(int hw1, int hw2) {
    int op = bits(hw1, 10, 4);
    int op1 = bits(hw2, 14, 12);
    if ((op1 & 0b101) == 0b001) {
      return of(4, BRANCH).directBranch(longOffset(hw1, hw2)).build(); // B.W
    }
    if ((op1 & 0b101) == 0b101) { // BL
      return of(4, BRANCH)
          .def(LR)
          .flag(Instruction.FLAG_LINK)
          .directBranch(longOffset(hw1, hw2))
          .build();
    }
    if ((op1 & 0b101) == 0b100) {
      return InstructionBuilder.undefined(4); // BLX immediate would switch to ARM state
    }
    if ((op & 0b0111000) != 0b0111000) { // conditional B.W
      return of(4, BRANCH_CONDITIONAL)
          .useMask(APSR_FLAGS)
          .flag(Instruction.FLAG_CONDITIONAL)
          .directBranch(conditionalOffset(hw1, hw2))
          .build();
    }
    if (op1 != 0b000) {
      return InstructionBuilder.undefined(4); // includes UDF.W (op1 = 010)
    }
    if ((op & 0b1111110) == 0b0111000) { // MSR
      return of(4, SYSTEM).use(bits(hw1, 3, 0)).build();
    }
    if ((op & 0b1111110) == 0b0111110) { // MRS
      return of(4, SYSTEM).def(bits(hw2, 11, 8)).build();
    }
    if (op == HINTS) {
      int hint = bits(hw2, 7, 0);
      return of(4, hint >= 2 && hint <= 4 ? SYSTEM : NOP).build(); // WFE/WFI/SEV vs NOP/YIELD/DBG
    }
    if (op == MISC_CONTROL) {
      int control = bits(hw2, 7, 4);
      boolean known =
          control == 0b0010 || (control >= 0b0100 && control <= 0b0110); // CLREX, DSB, DMB, ISB
      return known ? of(4, SYSTEM).build() : InstructionBuilder.undefined(4);
    }
    return InstructionBuilder.undefined(4);
  }

  /** B.W/BL: S:I1:I2:imm10:imm11:0 with I = NOT(J XOR S), relative to this address + 4. */
  private static int longOffset(int hw1, int hw2) {
    int s = bits(hw1, 10, 10);
    int i1 = ~(bits(hw2, 13, 13) ^ s) & 1;
    int i2 = ~(bits(hw2, 11, 11) ^ s) & 1;
    int imm = s << 24 | i1 << 23 | i2 << 22 | bits(hw1, 9, 0) << 12 | bits(hw2, 10, 0) << 1;
    return signExtend(imm, 25) + 4;
  }

  /** Bcc.W: S:J2:J1:imm6:imm11:0, relative to this address + 4. */
  private static int conditionalOffset(int hw1, int hw2) {
    int imm =
        (bit(hw1, 10) ? 1 << 20 : 0)
            | bits(hw2, 11, 11) << 19
            | bits(hw2, 13, 13) << 18
            | bits(hw1, 5, 0) << 12
            | bits(hw2, 10, 0) << 1;
    return signExtend(imm, 21) + 4;
  }
}
