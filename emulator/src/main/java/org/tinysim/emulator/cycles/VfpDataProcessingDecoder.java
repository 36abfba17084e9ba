package org.tinysim.emulator.cycles;

import static org.tinysim.emulator.cycles.InstructionBuilder.of;
import static org.tinysim.emulator.cycles.InstructionClass.*;
import static org.tinysim.emulator.cycles.RegisterMask.APSR_FLAGS;
import static org.tinysim.emulator.cycles.RegisterMask.FPSCR_FLAGS;
import static org.tinysim.emulator.cycles.RegisterMask.PC;
import static org.tinysim.emulator.cycles.ThumbDecoder.bit;
import static org.tinysim.emulator.cycles.ThumbDecoder.bits;
import static org.tinysim.emulator.cycles.VfpDecoder.fpReg;

/** FP data processing (ARMv7-M ARM A6.4) and 8/16/32-bit core<->FP transfers (A6.6). */
final class VfpDataProcessingDecoder {
  private VfpDataProcessingDecoder() {}

  static Instruction dataProcessing(int hw1, int hw2) {
    boolean isDouble = bit(hw2, 8);
    long d = fpReg(isDouble, bits(hw2, 15, 12), bits(hw1, 6, 6));
    long n = fpReg(isDouble, bits(hw1, 3, 0), bits(hw2, 7, 7));
    long m = fpReg(isDouble, bits(hw2, 3, 0), bits(hw2, 5, 5));
    int opc1 = bits(hw1, 7, 7) << 2 | bits(hw1, 5, 4);
    boolean opBit = bit(hw2, 6);
    InstructionBuilder b = of(4, VFP_ARITH).flagIf(isDouble, Instruction.FLAG_DOUBLE);
    switch (opc1) {
      case 0b000:
      case 0b001: // VMLA/VMLS, VNMLA/VNMLS
        return b.kind(VFP_MUL_ACC).fpDef(d).fpUse(d | n | m).build();
      case 0b010: // VMUL, VNMUL
        return b.flag(Instruction.FLAG_FP_MULTIPLY).fpDef(d).fpUse(n | m).build();
      case 0b011: // VADD, VSUB
        return b.fpDef(d).fpUse(n | m).build();
      case 0b100:
        return opBit
            ? InstructionBuilder.undefined(4)
            : b.kind(VFP_DIV_SQRT).fpDef(d).fpUse(n | m).build();
      case 0b101:
      case 0b110: // VFNMA/VFNMS, VFMA/VFMS
        return b.kind(VFP_MUL_ACC).flag(Instruction.FLAG_FUSED).fpDef(d).fpUse(d | n | m).build();
      default:
        return otherDataProcessing(hw1, hw2, b, isDouble, d, m);
    }
  }

  /** The opc1 = 1x11 group: VMOV imm/reg, VABS, VNEG, VSQRT, VCMP, VCVT*, VRINT{R,Z,X}. */
  private static Instruction otherDataProcessing(
      int hw1, int hw2, InstructionBuilder b, boolean isDouble, long d, long m) {
    int opc2 = bits(hw1, 3, 0);
    int opc3 = bits(hw2, 7, 6);
    if ((opc3 & 1) == 0) {
      return b.kind(VFP_MOVE).fpDef(d).build(); // VMOV immediate
    }
    boolean opc3High = opc3 == 0b11;
    int dField = bits(hw2, 15, 12);
    int dBit = bits(hw1, 6, 6);
    int mField = bits(hw2, 3, 0);
    int mBit = bits(hw2, 5, 5);
    switch (opc2) {
      case 0b0000: // VMOV register, VABS
        return (opc3High ? b : b.kind(VFP_MOVE)).fpDef(d).fpUse(m).build();
      case 0b0001: // VNEG, VSQRT
        return (opc3High ? b.kind(VFP_DIV_SQRT).flag(Instruction.FLAG_SQRT) : b)
            .fpDef(d)
            .fpUse(m)
            .build();
      case 0b0010:
      case 0b0011: // VCVTB/VCVTT: half precision lives in half of an S register
        return b.fpDef(d).fpUse(d | m).build();
      case 0b0100: // VCMP(E) register
        return b.defMask(FPSCR_FLAGS).fpUse(d | m).build();
      case 0b0101: // VCMP(E) with zero
        return b.defMask(FPSCR_FLAGS).fpUse(d).build();
      case 0b0110: // VRINTR, VRINTZ
        return b.fpDef(d).fpUse(m).build();
      case 0b0111: // VRINTX, or VCVT between single and double (destination has the other size)
        if (!opc3High) {
          return b.fpDef(d).fpUse(m).build();
        }
        return b.fpDef(fpReg(!isDouble, dField, dBit)).fpUse(m).build();
      case 0b1000: // VCVT integer -> float: the integer is always an S register
        return b.fpDef(d).fpUse(fpReg(false, mField, mBit)).build();
      case 0b1010:
      case 0b1011:
      case 0b1110:
      case 0b1111: // VCVT fixed-point, in place
        return b.fpDef(d).fpUse(d).build();
      case 0b1100:
      case 0b1101: // VCVT(R) float -> integer: the integer is always an S register
        return b.fpDef(fpReg(false, dField, dBit)).fpUse(m).build();
      default:
        return InstructionBuilder.undefined(4);
    }
  }

  /** VMOV S<->R, VMOV scalar D[x]<->R, VMSR, VMRS. */
  static Instruction coreTransfer(int hw1, int hw2) {
    int a = bits(hw1, 7, 5);
    boolean toCore = bit(hw1, 4);
    boolean scalar = bit(hw2, 8);
    int rt = bits(hw2, 15, 12);
    InstructionBuilder b = of(4, VFP_MOVE);
    if (!scalar && a == 0b000) {
      long s = fpReg(false, bits(hw1, 3, 0), bits(hw2, 7, 7));
      return toCore ? b.def(rt).fpUse(s).build() : b.use(rt).fpDef(s).build();
    }
    if (!scalar && a == 0b111) {
      if (!toCore) {
        return b.use(rt).defMask(FPSCR_FLAGS).build(); // VMSR FPSCR
      }
      // VMRS APSR_nzcv, FPSCR copies the compare flags; any other Rt receives FPSCR.
      return b.defMask(rt == PC ? APSR_FLAGS : RegisterMask.core(rt)).useMask(FPSCR_FLAGS).build();
    }
    if (scalar && (a & 0b100) == 0) {
      long dReg = fpReg(true, bits(hw1, 3, 0), bits(hw2, 7, 7));
      b.flag(Instruction.FLAG_DOUBLE);
      return toCore ? b.def(rt).fpUse(dReg).build() : b.use(rt).fpDef(dReg).fpUse(dReg).build();
    }
    return InstructionBuilder.undefined(4);
  }
}
