package org.tinysim.emulator.cycles;

import org.assertj.core.api.SoftAssertions;

/** One decoder-table.txt line: assembly, expected class and optional operand expectations. */
record TableEntry(String assembly, InstructionClass kind, String[] attributes) {

  static TableEntry parse(String line) {
    int split = line.indexOf(';');
    String[] expected = line.substring(split + 1).trim().split("\\s+");
    String[] attributes = new String[expected.length - 1];
    System.arraycopy(expected, 1, attributes, 0, attributes.length);
    return new TableEntry(
        line.substring(0, split).trim(), InstructionClass.valueOf(expected[0]), attributes);
  }

  void check(Instruction insn, String where, SoftAssertions softly) {
    softly.assertThat(insn.kind()).as("class of " + where).isEqualTo(kind);
    for (String attribute : attributes) {
      int eq = attribute.indexOf('=');
      String key = eq < 0 ? attribute : attribute.substring(0, eq);
      String value = eq < 0 ? "" : attribute.substring(eq + 1);
      String what = key + " of " + where;
      switch (key) {
        case "pc" -> softly.assertThat(insn.writesPc()).as(what).isTrue();
        case "cond" -> softly.assertThat(insn.conditional()).as(what).isTrue();
        case "direct" -> softly.assertThat(insn.directBranch()).as(what).isTrue();
        case "load" -> softly.assertThat(insn.isLoad()).as(what).isTrue();
        case "store" -> softly.assertThat(insn.isStore()).as(what).isTrue();
        case "d" -> softly.assertThat(insn.doublePrecision()).as(what).isTrue();
        case "link" -> softly.assertThat(insn.has(Instruction.FLAG_LINK)).as(what).isTrue();
        case "preload" -> softly.assertThat(insn.has(Instruction.FLAG_PRELOAD)).as(what).isTrue();
        case "n" ->
            softly.assertThat(insn.registerCount()).as(what).isEqualTo(Integer.parseInt(value));
        case "b" ->
            softly.assertThat(insn.accessBytes()).as(what).isEqualTo(Integer.parseInt(value));
        case "off" ->
            softly.assertThat(insn.branchOffset()).as(what).isEqualTo(Integer.parseInt(value));
        case "def" -> softly.assertThat(hex(insn.defs())).as(what).isEqualTo(hex(coreMask(value)));
        case "use" -> softly.assertThat(hex(insn.uses())).as(what).isEqualTo(hex(coreMask(value)));
        case "late" ->
            softly.assertThat(hex(insn.lateUses())).as(what).isEqualTo(hex(coreMask(value)));
        case "wb" ->
            softly.assertThat(hex(insn.writebackDefs())).as(what).isEqualTo(hex(coreMask(value)));
        case "fdef" ->
            softly
                .assertThat(Long.toHexString(insn.fpDefs()))
                .as(what)
                .isEqualTo(Long.toHexString(fpMask(value)));
        case "fuse" ->
            softly
                .assertThat(Long.toHexString(insn.fpUses()))
                .as(what)
                .isEqualTo(Long.toHexString(fpMask(value)));
        default ->
            throw new IllegalArgumentException("unknown attribute " + attribute + " in " + where);
      }
    }
    if (kind != InstructionClass.UNDEFINED && !hasAttribute("cond")) {
      softly
          .assertThat(insn.conditional() && !insn.directBranch())
          .as("unexpected IT condition on " + where)
          .isFalse();
    }
  }

  private boolean hasAttribute(String key) {
    for (String attribute : attributes) {
      if (attribute.equals(key)) {
        return true;
      }
    }
    return false;
  }

  private static String hex(int mask) {
    return Integer.toHexString(mask);
  }

  static int coreMask(String names) {
    int mask = 0;
    for (String name : names.split(",")) {
      switch (name) {
        case "" -> {}
        case "sp" -> mask |= RegisterMask.core(RegisterMask.SP);
        case "lr" -> mask |= RegisterMask.core(RegisterMask.LR);
        case "pc" -> mask |= RegisterMask.core(RegisterMask.PC);
        case "flags" -> mask |= RegisterMask.APSR_FLAGS;
        case "ge" -> mask |= RegisterMask.APSR_GE;
        case "fpflags" -> mask |= RegisterMask.FPSCR_FLAGS;
        default -> mask |= RegisterMask.core(Integer.parseInt(name.substring(1)));
      }
    }
    return mask;
  }

  static long fpMask(String names) {
    long mask = 0;
    for (String name : names.split(",")) {
      if (name.isEmpty()) {
        continue;
      }
      int n = Integer.parseInt(name.substring(1));
      mask |= name.charAt(0) == 'd' ? RegisterMask.doubleReg(n) : RegisterMask.single(n);
    }
    return mask;
  }
}
