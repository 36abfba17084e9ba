package org.tinysim.emulator.cycles;

import static org.tinysim.emulator.cycles.InstructionBuilder.of;
import static org.tinysim.emulator.cycles.InstructionClass.*;
import static org.tinysim.emulator.cycles.RegisterMask.PC;
import static org.tinysim.emulator.cycles.ThumbDecoder.bit;
import static org.tinysim.emulator.cycles.ThumbDecoder.bits;

/** 32-bit loads and stores (ARMv7-M ARM A5.3.5-A5.3.10), including TBB/TBH and exclusives. */
final class LoadStoreDecoder {
  private LoadStoreDecoder() {}

  /** LDM/STM IA and DB (POP.W/PUSH.W are aliases); SRS/RFE do not exist on M profile. */
  static Instruction multiple(int hw1, int hw2) {
    int op = bits(hw1, 8, 7);
    if (op == 0b00 || op == 0b11) {
      return InstructionBuilder.undefined(4);
    }
    int rn = bits(hw1, 3, 0);
    int list = hw2 & 0xFFFF;
    int count = Integer.bitCount(list);
    boolean writeback = bit(hw1, 5);
    InstructionBuilder b =
        bit(hw1, 4)
            ? of(4, LOAD_MULTIPLE).use(rn).defMask(list).load(4, count)
            : of(4, STORE_MULTIPLE).use(rn).useMask(list).store(4, count);
    return (writeback ? b.writeback(rn) : b).build();
  }

  /** LDREX/STREX (and B/H), LDRD/STRD, TBB/TBH. */
  static Instruction dualExclusiveTable(int hw1, int hw2) {
    int op1 = bits(hw1, 8, 7);
    int op2 = bits(hw1, 5, 4);
    int op3 = bits(hw2, 7, 4);
    int rn = bits(hw1, 3, 0);
    int rt = bits(hw2, 15, 12);
    int rd = bits(hw2, 11, 8);
    if (op1 == 0b00 && op2 == 0b00) { // STREX: Rd receives the status
      return of(4, STORE).def(rd).use(rt, rn).store(4, 1).build();
    }
    if (op1 == 0b00 && op2 == 0b01) {
      return of(4, LOAD).def(rt).use(rn).load(4, 1).build(); // LDREX
    }
    boolean dual = (op1 & 0b10) != 0 || (op2 & 0b10) != 0;
    if (dual) {
      boolean writeback = bit(hw1, 5);
      InstructionBuilder b =
          bit(hw1, 4)
              ? of(4, LOAD).def(rt).def(rd).use(rn).load(4, 2)
              : of(4, STORE).use(rn).storeData(rt, rn).storeData(rd, rn).store(4, 2);
      return (writeback ? b.writeback(rn) : b).build();
    }
    if (op2 == 0b00) { // STREXB, STREXH
      if (op3 != 0b0100 && op3 != 0b0101) {
        return InstructionBuilder.undefined(4);
      }
      return of(4, STORE).def(bits(hw2, 3, 0)).use(rt, rn).store(op3 == 0b0100 ? 1 : 2, 1).build();
    }
    switch (op3) {
      case 0b0000:
      case 0b0001: // TBB, TBH: load an offset, then branch
        return of(4, BRANCH).use(rn, bits(hw2, 3, 0)).def(PC).load(op3 == 0 ? 1 : 2, 1).build();
      case 0b0100:
      case 0b0101: // LDREXB, LDREXH
        return of(4, LOAD).def(rt).use(rn).load(op3 == 0b0100 ? 1 : 2, 1).build();
      default:
        return InstructionBuilder.undefined(4);
    }
  }

  /** STR, STRB, STRH with 12-bit, 8-bit (pre/post/unprivileged) or register offsets. */
  static Instruction storeSingle(int hw1, int hw2) {
    int sizeCode = bits(hw1, 6, 5);
    int rn = bits(hw1, 3, 0);
    int rt = bits(hw2, 15, 12);
    if (sizeCode == 0b11 || rn == PC) {
      return InstructionBuilder.undefined(4);
    }
    InstructionBuilder b = of(4, STORE).use(rn).storeData(rt, rn).store(1 << sizeCode, 1);
    return addressing(b, hw1, hw2, rn);
  }

  /** LDR(S)B, LDR(S)H, LDR in all addressing forms; Rt == PC gives PLD/PLI hints or LDR pc. */
  static Instruction loadSingle(int hw1, int hw2) {
    int sizeCode = bits(hw1, 6, 5);
    boolean signed = bit(hw1, 8);
    int rn = bits(hw1, 3, 0);
    int rt = bits(hw2, 15, 12);
    if (sizeCode == 0b11 || (signed && sizeCode == 0b10)) {
      return InstructionBuilder.undefined(4);
    }
    InstructionBuilder b =
        of(4, LOAD).use(rn).load(1 << sizeCode, 1).flagIf(signed, Instruction.FLAG_SIGNED);
    if (rt == PC && sizeCode == 0b00) {
      b.flag(Instruction.FLAG_PRELOAD); // PLD, PLI
    } else if (rt == PC && sizeCode == 0b01) {
      b = of(4, NOP); // unallocated memory hint, executes as NOP
    } else {
      b.def(rt);
    }
    return rn == PC ? b.build() : addressing(b, hw1, hw2, rn);
  }

  /** Validates the offset form shared by single loads and stores and adds its register effects. */
  private static Instruction addressing(InstructionBuilder b, int hw1, int hw2, int rn) {
    if (bit(hw1, 7)) {
      return b.address(rn, bits(hw2, 11, 0)).build(); // 12-bit immediate
    }
    if (bit(hw2, 11)) { // 8-bit immediate: P U W
      boolean index = bit(hw2, 10);
      boolean writeback = bit(hw2, 8);
      if (!index && !writeback) {
        return InstructionBuilder.undefined(4);
      }
      int offset = index ? (bit(hw2, 9) ? 1 : -1) * bits(hw2, 7, 0) : 0; // post-index uses Rn as is
      b.address(rn, offset);
      return (writeback ? b.writeback(rn) : b).build();
    }
    if (bits(hw2, 11, 6) == 0) {
      return b.addressUse(bits(hw2, 3, 0)).build(); // register, optional LSL #0-3
    }
    return InstructionBuilder.undefined(4);
  }
}
