package org.tinysim.emulator.cycles;

import static org.tinysim.emulator.cycles.InstructionBuilder.of;
import static org.tinysim.emulator.cycles.InstructionClass.VFP_ARITH;
import static org.tinysim.emulator.cycles.RegisterMask.APSR_FLAGS;
import static org.tinysim.emulator.cycles.ThumbDecoder.bit;
import static org.tinysim.emulator.cycles.ThumbDecoder.bits;
import static org.tinysim.emulator.cycles.VfpDecoder.fpReg;

/**
 * FPv5 additions in the unconditional 0xFExx space: VSEL, VMAXNM/VMINNM, VRINT{A,N,P,M},
 * VCVT{A,N,P,M}.
 */
final class FpV5Decoder {
  private FpV5Decoder() {}

  static Instruction decode(int hw1, int hw2) {
    if ((hw1 & 0xFF00) != 0xFE00 || bit(hw2, 4)) {
      return InstructionBuilder.undefined(4);
    }
    boolean isDouble = bit(hw2, 8);
    int dField = bits(hw2, 15, 12);
    int dBit = bits(hw1, 6, 6);
    long d = fpReg(isDouble, dField, dBit);
    long n = fpReg(isDouble, bits(hw1, 3, 0), bits(hw2, 7, 7));
    long m = fpReg(isDouble, bits(hw2, 3, 0), bits(hw2, 5, 5));
    InstructionBuilder b = of(4, VFP_ARITH).flagIf(isDouble, Instruction.FLAG_DOUBLE);
    if (!bit(hw1, 7)) { // VSEL picks by APSR condition
      return b.fpDef(d).fpUse(n | m).useMask(APSR_FLAGS).build();
    }
    int op = bits(hw1, 5, 4);
    if (op == 0b00) { // VMAXNM, VMINNM
      return b.fpDef(d).fpUse(n | m).build();
    }
    if (op == 0b11 && bits(hw1, 3, 2) == 0b10 && bits(hw2, 7, 6) == 0b01) { // VRINTA/N/P/M
      return b.fpDef(d).fpUse(m).build();
    }
    if (op == 0b11
        && bits(hw1, 3, 2) == 0b11
        && bit(hw2, 6)) { // VCVTA/N/P/M to integer in an S register
      return b.fpDef(fpReg(false, dField, dBit)).fpUse(m).build();
    }
    return InstructionBuilder.undefined(4);
  }
}
