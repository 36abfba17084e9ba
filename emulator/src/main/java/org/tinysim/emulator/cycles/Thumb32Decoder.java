package org.tinysim.emulator.cycles;

import static org.tinysim.emulator.cycles.ThumbDecoder.bit;
import static org.tinysim.emulator.cycles.ThumbDecoder.bits;

/** Top-level split of 32-bit Thumb-2 encodings (ARMv7-M ARM section A5.3) into family decoders. */
final class Thumb32Decoder {
  private Thumb32Decoder() {}

  static Instruction decode(int hw1, int hw2) {
    int op1 = bits(hw1, 12, 11);
    int op2 = bits(hw1, 10, 4);
    if (op1 == 0b01) {
      if (bit(op2, 6)) {
        return VfpDecoder.decode(hw1, hw2);
      }
      if (bit(op2, 5)) {
        return DataProcessingDecoder.shiftedRegister(hw1, hw2);
      }
      return bit(op2, 2)
          ? LoadStoreDecoder.dualExclusiveTable(hw1, hw2)
          : LoadStoreDecoder.multiple(hw1, hw2);
    }
    if (op1 == 0b10) {
      if (bit(hw2, 15)) {
        return BranchControlDecoder.decode(hw1, hw2);
      }
      return bit(op2, 5)
          ? DataProcessingDecoder.plainImmediate(hw1, hw2)
          : DataProcessingDecoder.modifiedImmediate(hw1, hw2);
    }
    // op1 == 0b11
    if (bit(op2, 6)) {
      return VfpDecoder.decode(hw1, hw2);
    }
    if ((op2 & 0b1110001) == 0b0000000) {
      return LoadStoreDecoder.storeSingle(hw1, hw2);
    }
    if ((op2 & 0b1100001) == 0b0000001) {
      return LoadStoreDecoder.loadSingle(hw1, hw2);
    }
    if ((op2 & 0b1110000) == 0b0100000) {
      return DataProcessingDecoder.register(hw1, hw2);
    }
    if ((op2 & 0b1111000) == 0b0110000) {
      return MultiplyDecoder.multiply(hw1, hw2);
    }
    if ((op2 & 0b1111000) == 0b0111000) {
      return MultiplyDecoder.longMultiplyDivide(hw1, hw2);
    }
    return InstructionBuilder.undefined(4);
  }
}
