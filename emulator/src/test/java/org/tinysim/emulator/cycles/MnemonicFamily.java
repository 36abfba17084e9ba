package org.tinysim.emulator.cycles;

import static org.tinysim.emulator.cycles.InstructionClass.*;

/** Which classes are plausible for an objdump mnemonic (condition and width suffixes ignored). */
final class MnemonicFamily {
  private MnemonicFamily() {}

  static boolean accepts(String mnemonic, InstructionClass kind) {
    String m = mnemonic.replace(".w", "").replace(".n", "");
    if (m.startsWith("it")) {
      return kind == IT;
    }
    if (m.startsWith("v")) {
      return m.startsWith("vldr")
              || m.startsWith("vstr")
              || m.startsWith("vpush")
              || m.startsWith("vpop")
              || m.startsWith("vldm")
              || m.startsWith("vstm")
          ? kind == VFP_LOAD_STORE
          : m.startsWith("vmov") || m.startsWith("vmrs") || m.startsWith("vmsr")
              ? kind == VFP_MOVE
              : m.startsWith("vdiv") || m.startsWith("vsqrt")
                  ? kind == VFP_DIV_SQRT
                  : m.matches("v(n?ml[as]|f?n?m[as]).*")
                          && !m.startsWith("vmax")
                          && !m.startsWith("vmin")
                      ? kind == VFP_MUL_ACC
                      : kind == VFP_ARITH;
    }
    if (m.startsWith("push") || m.startsWith("stm")) {
      return kind == STORE_MULTIPLE;
    }
    if (m.startsWith("pop") || m.startsWith("ldm")) {
      return kind == LOAD_MULTIPLE;
    }
    if (m.startsWith("ldr") || m.startsWith("pld")) {
      return kind == LOAD;
    }
    if (m.startsWith("str")) {
      return kind == STORE;
    }
    if (m.startsWith("tbb") || m.startsWith("tbh")) {
      return kind == BRANCH;
    }
    if (m.startsWith("cbz") || m.startsWith("cbnz")) {
      return kind == BRANCH_CONDITIONAL;
    }
    if (m.startsWith("sdiv") || m.startsWith("udiv")) {
      return kind == DIVIDE;
    }
    if (m.matches("(smla[bwtd]|smlal[bt][bt]|smlald|smlsd|smlsld|usada).*")) {
      return kind == DSP_MAC;
    }
    if (m.matches("(mla|mls|smlal|umlal|umaal|smmla|smmls).*")) {
      return kind == MAC || kind == DSP_MAC;
    }
    if (m.matches("(mul|smul|umull|smuad|smusd|smmul|usad8).*")) {
      return kind == MUL;
    }
    if (m.matches("b(l|x|lx)?(eq|ne|cs|hs|cc|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al)?")) {
      return kind == BRANCH || kind == BRANCH_CONDITIONAL;
    }
    return kind == ALU
        || kind == SHIFT_EXTEND
        || kind == SATURATE_SIMD
        || kind == NOP
        || kind == SYSTEM;
  }
}
