package org.tinysim.emulator.cycles;

import static org.tinysim.emulator.cycles.InstructionBuilder.of;
import static org.tinysim.emulator.cycles.InstructionClass.*;
import static org.tinysim.emulator.cycles.ThumbDecoder.bit;
import static org.tinysim.emulator.cycles.ThumbDecoder.bits;

/**
 * Coprocessor space. Only the FPU (coprocessors 10/11) exists on Cortex-M7, so every other
 * coprocessor encoding is UNDEFINED. Covers FPv5-SP/DP: ARMv7-M ARM A6 plus the FPv5 additions
 * (VSEL, VMAXNM/VMINNM, VRINT*, VCVT{A,N,P,M}).
 */
final class VfpDecoder {
  private VfpDecoder() {}

  static Instruction decode(int hw1, int hw2) {
    if (bits(hw2, 11, 9) != 0b101) {
      return InstructionBuilder.undefined(4);
    }
    if (bit(hw1, 12)) {
      return FpV5Decoder.decode(hw1, hw2);
    }
    if (!bit(hw1, 9)) {
      return loadStoreOrDoubleMove(hw1, hw2);
    }
    if (bit(hw1, 8)) {
      return InstructionBuilder.undefined(4);
    }
    return bit(hw2, 4)
        ? VfpDataProcessingDecoder.coreTransfer(hw1, hw2)
        : VfpDataProcessingDecoder.dataProcessing(hw1, hw2);
  }

  /** VLDR/VSTR, VLDM/VSTM (VPUSH/VPOP), and VMOV between two core registers and two S or one D. */
  private static Instruction loadStoreOrDoubleMove(int hw1, int hw2) {
    boolean p = bit(hw1, 8);
    boolean u = bit(hw1, 7);
    boolean w = bit(hw1, 5);
    boolean load = bit(hw1, 4);
    boolean isDouble = bit(hw2, 8);
    int rn = bits(hw1, 3, 0);
    if (!p && !u) {
      return bit(hw1, 6) && !w ? doubleMove(hw1, hw2, isDouble) : InstructionBuilder.undefined(4);
    }
    if (p && u && w) {
      return InstructionBuilder.undefined(4);
    }
    int first =
        isDouble
            ? bits(hw1, 6, 6) << 4 | bits(hw2, 15, 12)
            : bits(hw2, 15, 12) << 1 | bits(hw1, 6, 6);
    int count = p && !w ? 1 : (isDouble ? bits(hw2, 7, 0) / 2 : bits(hw2, 7, 0));
    long regs = RegisterMask.fpRange(first, count, isDouble);
    int bytes = isDouble ? 8 : 4;
    InstructionBuilder b = of(4, VFP_LOAD_STORE).use(rn).flagIf(isDouble, Instruction.FLAG_DOUBLE);
    b = load ? b.fpDef(regs).load(bytes, count) : b.fpUse(regs).store(bytes, count);
    return (w ? b.writeback(rn) : b).build();
  }

  private static Instruction doubleMove(int hw1, int hw2, boolean isDouble) {
    int rt2 = bits(hw1, 3, 0);
    int rt = bits(hw2, 15, 12);
    int vm = bits(hw2, 3, 0);
    int m = bits(hw2, 5, 5);
    long regs =
        isDouble
            ? RegisterMask.doubleReg(m << 4 | vm)
            : RegisterMask.fpRange(vm << 1 | m, 2, false);
    InstructionBuilder b = of(4, VFP_MOVE).flagIf(isDouble, Instruction.FLAG_DOUBLE);
    if (bit(hw1, 4)) {
      return b.def(rt).def(rt2).fpUse(regs).build();
    }
    return b.use(rt, rt2).fpDef(regs).build();
  }

  /** FP register mask of an S (single) or D register from its 4-bit field and extra bit. */
  static long fpReg(boolean isDouble, int field, int extraBit) {
    return isDouble
        ? RegisterMask.doubleReg(extraBit << 4 | field)
        : RegisterMask.single(field << 1 | extraBit);
  }
}
