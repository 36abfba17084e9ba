package org.tinysim.emulator.cycles;

import java.util.Arrays;

/**
 * Thumb/Thumb-2 decoder for ARMv7E-M with FPv5, reduced to timing-relevant facts. Never throws on
 * instruction bits: anything unrecognised is {@link InstructionClass#UNDEFINED}.
 */
public final class ThumbDecoder {
  private ThumbDecoder() {}

  /** Decodes the instruction at {@code offset}; IT-block membership is not known here. */
  public static Instruction decode(byte[] code, int offset) {
    int remaining = code.length - offset;
    if (remaining < 2) {
      return InstructionBuilder.undefined(Math.max(remaining, 1));
    }
    int hw1 = halfword(code, offset);
    if (!isWide(hw1)) {
      return Thumb16Decoder.decode(hw1);
    }
    if (remaining < 4) {
      return InstructionBuilder.undefined(2);
    }
    return Thumb32Decoder.decode(hw1, halfword(code, offset + 2));
  }

  /** Decodes a whole block, marking instructions covered by an IT as conditional. */
  public static Instruction[] decodeBlock(byte[] code) {
    Instruction[] out = new Instruction[code.length / 2 + 1];
    int count = 0;
    int itRemaining = 0;
    int itPredicate = -1;
    for (int offset = 0; offset < code.length; ) {
      Instruction insn = decode(code, offset);
      if (itRemaining > 0) {
        insn = insn.asConditional(itPredicate);
        itRemaining--;
      } else if (insn.kind() == InstructionClass.IT) {
        itRemaining = insn.itCount();
        itPredicate = insn.predicate();
      }
      out[count++] = insn;
      offset += insn.length();
    }
    return Arrays.copyOf(out, count);
  }

  /** First halfwords 0b11101, 0b11110 and 0b11111 start a 32-bit instruction. */
  public static boolean isWide(int hw1) {
    return (hw1 >>> 11) >= 0b11101;
  }

  static int halfword(byte[] code, int offset) {
    return (code[offset] & 0xFF) | (code[offset + 1] & 0xFF) << 8;
  }

  /** Bits [hi:lo] of {@code value}. */
  static int bits(int value, int hi, int lo) {
    return (value >>> lo) & ((1 << (hi - lo + 1)) - 1);
  }

  static boolean bit(int value, int n) {
    return ((value >>> n) & 1) != 0;
  }

  static int signExtend(int value, int width) {
    int shift = 32 - width;
    return (value << shift) >> shift;
  }
}
