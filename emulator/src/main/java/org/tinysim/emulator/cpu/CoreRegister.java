package org.tinysim.emulator.cpu;

/** Cortex-M7 registers the emulator reads or writes, with Unicorn 2's ARM register ids. */
public enum CoreRegister {
  R0(66),
  R1(67),
  R2(68),
  R3(69),
  R4(70),
  R5(71),
  R6(72),
  R7(73),
  R8(74),
  R9(75),
  R10(76),
  R11(77),
  R12(78),
  SP(12),
  LR(10),
  PC(11),
  XPSR(120),
  IPSR(114),
  MSP(115),
  PSP(116),
  CONTROL(117),
  PRIMASK(123),
  BASEPRI(124),
  FAULTMASK(126),
  FPSCR(6),
  /** Writes APSR including GE, IPSR and EPSR (XPSR alone leaves GE untouched). */
  XPSR_NZCVQG(138),
  S0(79),
  S1(80),
  S2(81),
  S3(82),
  S4(83),
  S5(84),
  S6(85),
  S7(86),
  S8(87),
  S9(88),
  S10(89),
  S11(90),
  S12(91),
  S13(92),
  S14(93),
  S15(94),
  S16(95),
  S17(96),
  S18(97),
  S19(98),
  S20(99),
  S21(100),
  S22(101),
  S23(102),
  S24(103),
  S25(104),
  S26(105),
  S27(106),
  S28(107),
  S29(108),
  S30(109),
  S31(110);

  private final int unicornId;

  CoreRegister(int unicornId) {
    this.unicornId = unicornId;
  }

  public int unicornId() {
    return unicornId;
  }

  private static final CoreRegister[] CORE = {
    R0, R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12, SP, LR, PC
  };
  private static final CoreRegister[] FP_CALLER_SAVED = {
    S0, S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11, S12, S13, S14, S15
  };

  /** R0..R15 by number. */
  public static CoreRegister core(int number) {
    return CORE[number];
  }

  /** S0..S31 by number. */
  public static CoreRegister single(int number) {
    return valueOf("S" + number);
  }

  /** S0..S15, the floating-point registers an exception frame saves. */
  public static CoreRegister fpCallerSaved(int number) {
    return FP_CALLER_SAVED[number];
  }
}
