package org.tinysim.emulator.cycles;

/**
 * Per-instruction Cortex-M7 numbers used by the issue models. Arm publishes no cycle table for the
 * M7, so every number comes from a public measurement or from Arm's own compiler scheduling model:
 *
 * <ul>
 *   <li>[J] jnk0le, "pipeline cycle test/doc/cortex_m7.md" (github.com/jnk0le/random), STM32H743
 *       measurements with DWT.CYCCNT;
 *   <li>[L] LLVM {@code ARMScheduleM7.td} (contributed by Arm);
 *   <li>[A] assumption, no measurement found; listed as an error source in CYCLE_MODEL.md.
 * </ul>
 *
 * <table>
 *   <caption>issue cycles / result latency</caption>
 *   <tr><th>class</th><th>issue</th><th>latency</th><th>source</th></tr>
 *   <tr><td>ALU, SHIFT_EXTEND, SATURATE_SIMD, NOP, SYSTEM</td><td>1</td><td>1</td><td>[J] [L]</td></tr>
 *   <tr><td>MUL, MAC, DSP_MAC</td><td>1</td><td>2; 1 into a MAC addend; a word load feeding a
 *       multiplicand also needs 2</td><td>[J] "1 additional cycle of result latency", "chained on
 *       accumulator each cycle", "can't consume ldr result from previous cycle"</td></tr>
 *   <tr><td>DIVIDE</td><td>7 (blocking)</td><td>7</td><td>[L] WriteDIV latency 7, single issue; data
 *       dependent on silicon, no measurement [A]</td></tr>
 *   <tr><td>LOAD word / LDRD / LDREX</td><td>1</td><td>1</td><td>[J] "word loads can be consumed by
 *       late ALU in next cycle"; pair ops ceil(n/2)</td></tr>
 *   <tr><td>LOAD byte/half</td><td>1</td><td>2</td><td>[J] "1 extra cycle of result latency"</td></tr>
 *   <tr><td>STORE</td><td>1</td><td>-</td><td>[J]</td></tr>
 *   <tr><td>LDM/STM/PUSH/POP, VLDM/VSTM/VPUSH/VPOP</td><td>ceil(words/2), min 1</td><td>= issue</td>
 *       <td>[J] "takes ceil(regnum/2) cycles"; VLDM "behaves as regular ldm"</td></tr>
 *   <tr><td>BRANCH, BRANCH_CONDITIONAL</td><td>1, or 0 when folded (see SingleIssue)</td><td>-</td>
 *       <td>[J]</td></tr>
 *   <tr><td>IT</td><td>0 (folded)</td><td>-</td><td>[J] "behaves similar to predicted not-taken
 *       branch"</td></tr>
 *   <tr><td>VFP_ARITH .F32 (VADD, VMUL, VCVT, VABS...)</td><td>1</td><td>3</td><td>[J] table</td></tr>
 *   <tr><td>VFP_ARITH .F64 VADD/VSUB...</td><td>1</td><td>3</td><td>[J] CPI 1, latency 3</td></tr>
 *   <tr><td>VFP_ARITH .F64 VMUL/VNMUL</td><td>5</td><td>5</td><td>[J] CPI 5</td></tr>
 *   <tr><td>VFP_MUL_ACC .F32 VFMA / VMLA</td><td>1</td><td>5 / 6</td><td>[J] table</td></tr>
 *   <tr><td>VFP_MUL_ACC .F64 VFMA / VMLA</td><td>6 / 5</td><td>7 / 8</td><td>[J] "first/each chained"
 *       CPI 7/6 and 8/5</td></tr>
 *   <tr><td>VFP_DIV_SQRT .F32 VDIV / VSQRT</td><td>16 / 14 (blocking)</td><td>same</td><td>[J]</td></tr>
 *   <tr><td>VFP_DIV_SQRT .F64 VDIV / VSQRT</td><td>30 / 30 (blocking)</td><td>same</td><td>[J] VDIV.D 30;
 *       VSQRT.D assumed equal [A]</td></tr>
 *   <tr><td>VLDR/VSTR</td><td>1</td><td>1</td><td>[J] "vldr.f has 1 cycle of result latency"</td></tr>
 *   <tr><td>VFP_MOVE into FP registers / into core registers</td><td>1</td><td>3 / 1</td><td>[J]</td></tr>
 *   <tr><td>UNDEFINED</td><td>1</td><td>1</td><td>[A] faults anyway</td></tr>
 * </table>
 */
public final class CortexM7Timings {
  static final int MUL_LATENCY = 2;
  static final int SUBWORD_LOAD_LATENCY = 2;
  static final int DIVIDE_CYCLES = 7;
  static final int FP_LATENCY = 3;
  static final int FP_MOVE_TO_FP_LATENCY = 3;
  static final int VFMA_F32_LATENCY = 5;
  static final int VMLA_F32_LATENCY = 6;
  static final int VMUL_F64_CYCLES = 5;
  static final int VFMA_F64_ISSUE = 6;
  static final int VFMA_F64_LATENCY = 7;
  static final int VMLA_F64_ISSUE = 5;
  static final int VMLA_F64_LATENCY = 8;
  static final int VDIV_F32_CYCLES = 16;
  static final int VSQRT_F32_CYCLES = 14;
  static final int VDIV_F64_CYCLES = 30;
  static final int VSQRT_F64_CYCLES = 30;

  /** Cycles the instruction occupies the (single) issue slot, ignoring folding and stalls. */
  public int issueCycles(Instruction insn) {
    switch (insn.kind()) {
      case IT:
        return 0;
      case DIVIDE:
        return DIVIDE_CYCLES;
      case LOAD_MULTIPLE:
      case STORE_MULTIPLE:
        return pairedTransferCycles(insn.registerCount());
      case VFP_LOAD_STORE:
        return pairedTransferCycles(insn.registerCount() * (insn.doublePrecision() ? 2 : 1));
      case VFP_ARITH:
        return insn.doublePrecision() && insn.has(Instruction.FLAG_FP_MULTIPLY)
            ? VMUL_F64_CYCLES
            : 1;
      case VFP_MUL_ACC:
        if (!insn.doublePrecision()) {
          return 1;
        }
        return insn.has(Instruction.FLAG_FUSED) ? VFMA_F64_ISSUE : VMLA_F64_ISSUE;
      case VFP_DIV_SQRT:
        return divSqrtCycles(insn);
      default:
        return 1;
    }
  }

  /**
   * Cycles after its issue at which core register {@code reg} written by {@code producer} can feed
   * {@code consumer}. A writeback base comes from the address generator in one cycle [J] "AGU with
   * pre/post increments" forwards like the early ALU.
   */
  public int coreLatency(Instruction producer, Instruction consumer, int reg, boolean lateOperand) {
    if ((producer.writebackDefs() & RegisterMask.core(reg)) != 0) {
      return 1;
    }
    return latency(producer, consumer, lateOperand);
  }

  /** Cycles after its issue at which a result of {@code producer} can feed {@code consumer}. */
  public int latency(Instruction producer, Instruction consumer, boolean lateOperand) {
    int base = resultLatency(producer);
    if (isMultiply(consumer) && !lateOperand && producer.kind() == InstructionClass.LOAD) {
      return Math.max(base, MUL_LATENCY); // multipliers read operands a stage early
    }
    return lateOperand ? Math.max(1, base - 1) : base;
  }

  /** Result latency towards an ordinary (ALU-stage) consumer. */
  public int resultLatency(Instruction insn) {
    switch (insn.kind()) {
      case MUL:
      case MAC:
      case DSP_MAC:
        return MUL_LATENCY;
      case DIVIDE:
        return DIVIDE_CYCLES;
      case LOAD:
        return insn.accessBytes() < 4 ? SUBWORD_LOAD_LATENCY : 1;
      case LOAD_MULTIPLE:
        return issueCycles(insn);
      case VFP_LOAD_STORE:
        return issueCycles(insn);
      case VFP_ARITH:
        return Math.max(FP_LATENCY, issueCycles(insn));
      case VFP_MUL_ACC:
        return macLatency(insn);
      case VFP_DIV_SQRT:
        return divSqrtCycles(insn);
      case VFP_MOVE:
        return insn.fpDefs() != 0 ? FP_MOVE_TO_FP_LATENCY : 1;
      default:
        return 1;
    }
  }

  static boolean isMultiply(Instruction insn) {
    InstructionClass kind = insn.kind();
    return kind == InstructionClass.MUL
        || kind == InstructionClass.MAC
        || kind == InstructionClass.DSP_MAC;
  }

  /** Load/store pair and multiple move two words per cycle [J]. */
  private static int pairedTransferCycles(int words) {
    return Math.max(1, (words + 1) / 2);
  }

  private static int macLatency(Instruction insn) {
    boolean fused = insn.has(Instruction.FLAG_FUSED);
    if (insn.doublePrecision()) {
      return fused ? VFMA_F64_LATENCY : VMLA_F64_LATENCY;
    }
    return fused ? VFMA_F32_LATENCY : VMLA_F32_LATENCY;
  }

  private static int divSqrtCycles(Instruction insn) {
    boolean sqrt = insn.has(Instruction.FLAG_SQRT);
    if (insn.doublePrecision()) {
      return sqrt ? VSQRT_F64_CYCLES : VDIV_F64_CYCLES;
    }
    return sqrt ? VSQRT_F32_CYCLES : VDIV_F32_CYCLES;
  }
}
