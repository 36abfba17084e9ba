package org.tinysim.emulator.cycles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles realistic C (int8 dot product, switch, float and double math) with gcc -O2 and checks
 * that the decoder agrees with objdump on every instruction boundary, never says UNDEFINED for
 * compiler output, and picks a class consistent with objdump's mnemonic.
 */
class CompiledCodeCrossCheckTest {

  @Test
  void decoderAgreesWithObjdumpOnCompiledKernels(@TempDir Path dir) throws IOException {
    ArmToolchain.assumeCompilerInstalled();
    Path obj = ArmToolchain.compile(dir, resource("kernels.c"));
    List<String> sections = ArmToolchain.sections(obj, ".text");
    assertThat(sections).as("one section per function").hasSizeGreaterThanOrEqualTo(6);

    SoftAssertions softly = new SoftAssertions();
    Set<InstructionClass> seen = EnumSet.noneOf(InstructionClass.class);
    int checked = 0;
    for (String section : sections) {
      byte[] code = ArmToolchain.sectionBytes(obj, section);
      for (ArmToolchain.Disassembled dis : ArmToolchain.disassemble(obj, section)) {
        if (dis.mnemonic().startsWith(".")) {
          continue; // literal pool or jump table data
        }
        Instruction insn = ThumbDecoder.decode(code, dis.offset());
        String where = section + "+" + dis.offset() + " " + dis.mnemonic() + " " + dis.operands();
        softly.assertThat(insn.length()).as("length of " + where).isEqualTo(dis.length());
        softly
            .assertThat(MnemonicFamily.accepts(dis.mnemonic(), insn.kind()))
            .as("class " + insn.kind() + " for " + where)
            .isTrue();
        seen.add(insn.kind());
        checked++;
      }
    }
    softly.assertAll();
    assertThat(checked).isGreaterThan(150);
    assertThat(seen)
        .contains(
            InstructionClass.LOAD,
            InstructionClass.DSP_MAC,
            InstructionClass.BRANCH,
            InstructionClass.BRANCH_CONDITIONAL,
            InstructionClass.VFP_ARITH,
            InstructionClass.VFP_MUL_ACC,
            InstructionClass.VFP_DIV_SQRT,
            InstructionClass.DIVIDE,
            InstructionClass.STORE_MULTIPLE);
  }

  @Test
  void everyCompiledFunctionGetsAConsistentCost(@TempDir Path dir) throws IOException {
    ArmToolchain.assumeCompilerInstalled();
    Path obj = ArmToolchain.compile(dir, resource("kernels.c"));
    CortexM7CostModel model = new CortexM7CostModel();
    for (String section : ArmToolchain.sections(obj, ".text")) {
      List<ArmToolchain.Disassembled> listing = ArmToolchain.disassemble(obj, section);
      byte[] code = ArmToolchain.sectionBytes(obj, section);
      int end = codeEnd(listing, code.length);
      byte[] instructionsOnly = java.util.Arrays.copyOf(code, end);
      BlockCost cost = model.cost(instructionsOnly, 0x0800_0000L, CodeRegion.FLASH_AXIM, 7);
      assertThat(cost.cycles()).as(section).isGreaterThanOrEqualTo(cost.instructions() / 2);
      assertThat(cost.classCounts()[InstructionClass.UNDEFINED.ordinal()]).as(section).isZero();
    }
  }

  /** Offset of the first data (literal pool, jump table) in a function, or its length. */
  private static int codeEnd(List<ArmToolchain.Disassembled> listing, int length) {
    int expected = 0;
    for (ArmToolchain.Disassembled dis : listing) {
      if (dis.offset() != expected || dis.mnemonic().startsWith(".")) {
        return expected;
      }
      expected += dis.length();
    }
    return Math.min(expected, length);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = CompiledCodeCrossCheckTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
