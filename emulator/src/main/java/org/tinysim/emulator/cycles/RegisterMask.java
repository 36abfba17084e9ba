package org.tinysim.emulator.cycles;

/**
 * Bit masks naming the registers an instruction reads or writes, so dependency checks are a single
 * AND. Core mask: bit n = Rn (0..15) plus flag pseudo-registers. FP mask: bit n = Sn, and Dn covers
 * bits 2n and 2n+1 (S/D aliasing falls out for free).
 */
public final class RegisterMask {
  public static final int SP = 13;
  public static final int LR = 14;
  public static final int PC = 15;

  /** APSR.NZCV as a pseudo-register: flag setters and conditional consumers meet here. */
  public static final int APSR_FLAGS = 1 << 16;

  /** APSR.GE written by parallel add/sub, read by SEL. */
  public static final int APSR_GE = 1 << 17;

  /** FPSCR.NZCV written by VCMP, read by VMRS APSR_nzcv. */
  public static final int FPSCR_FLAGS = 1 << 18;

  /** Highest core-mask bit in use, for callers iterating over the mask. */
  public static final int CORE_BITS = 19;

  private RegisterMask() {}

  /** Mask of core register {@code r} (0..15). */
  public static int core(int r) {
    return 1 << r;
  }

  /** Mask of single-precision register Sn (0..31). */
  public static long single(int n) {
    return 1L << n;
  }

  /** Mask of double-precision register Dn (0..31): the two S-register slots it overlays. */
  public static long doubleReg(int n) {
    return 3L << (2 * n);
  }

  /** Mask of {@code count} consecutive S or D registers starting at {@code first}. */
  public static long fpRange(int first, int count, boolean isDouble) {
    long mask = 0;
    for (int i = 0; i < count; i++) {
      int n = first + i;
      if (n > 31) {
        break;
      }
      mask |= isDouble ? doubleReg(n) : single(n);
    }
    return mask;
  }
}
