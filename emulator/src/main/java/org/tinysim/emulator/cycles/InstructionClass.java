package org.tinysim.emulator.cycles;

/** Instruction classes the cycle model distinguishes (and reports as the instruction mix). */
public enum InstructionClass {
  /** Add/sub/logic/move/compare, immediate or (shifted) register operand. */
  ALU,
  /** Shift by register or immediate, extend (SXTB, UXTAB...), bitfield, REV/RBIT/CLZ, PKH. */
  SHIFT_EXTEND,
  /** Multiply without accumulate: MUL, SMULL/UMULL, SMULxy, SMUAD, SMMUL, USAD8. */
  MUL,
  /** Plain multiply-accumulate: MLA, MLS, SMLAL/UMLAL/UMAAL, SMMLA/SMMLS. */
  MAC,
  /**
   * DSP multiply-accumulate: SMLAxy, SMLAWy, SMLAD(X), SMLSD(X), SMLALxy, SMLALD, SMLSLD, USADA8.
   */
  DSP_MAC,
  /** SSAT/USAT, QADD family, parallel add/sub (SADD8...), SEL. */
  SATURATE_SIMD,
  /** SDIV, UDIV. */
  DIVIDE,
  /** Single or dual register load (LDR*, LDRD, LDREX*), and preload hints (PLD/PLI). */
  LOAD,
  /** Single or dual register store (STR*, STRD, STREX*). */
  STORE,
  /** LDM and POP. */
  LOAD_MULTIPLE,
  /** STM and PUSH. */
  STORE_MULTIPLE,
  /** Unconditional branch: B, BL, BX, BLX, TBB/TBH. */
  BRANCH,
  /** Conditional branch: Bcc, CBZ, CBNZ. */
  BRANCH_CONDITIONAL,
  /** The IT instruction itself. */
  IT,
  /** NOP, NOP.W, YIELD and unallocated hints. */
  NOP,
  /** VADD/VSUB/VMUL/VNMUL/VABS/VNEG/VCMP/VCVT/VRINT/VSEL/VMAXNM... */
  VFP_ARITH,
  /** VMLA/VMLS/VNMLA/VNMLS and fused VFMA/VFMS/VFNMA/VFNMS. */
  VFP_MUL_ACC,
  /** VDIV, VSQRT. */
  VFP_DIV_SQRT,
  /** VLDR/VSTR/VLDM/VSTM/VPUSH/VPOP. */
  VFP_LOAD_STORE,
  /** VMOV (all forms), VMRS/VMSR. */
  VFP_MOVE,
  /** MRS/MSR, CPS, barriers, SVC, BKPT, WFI/WFE/SEV, CLREX. */
  SYSTEM,
  /** Anything the ARMv7E-M + FPv5 decoder does not recognise (would raise UsageFault). */
  UNDEFINED
}
