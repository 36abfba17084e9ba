package org.tinysim.emulator.cycles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Assembles every line of decoder-table.txt with the real GNU assembler and checks the decoder's
 * length, class and timing operands for each instruction against the table and objdump.
 */
class DecoderTableTest {
  private static List<TableEntry> table;

  @BeforeAll
  static void readTable() throws IOException {
    try (InputStream in = DecoderTableTest.class.getResourceAsStream("decoder-table.txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      table = new ArrayList<>();
      for (String line : text.split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          table.add(TableEntry.parse(line));
        }
      }
    }
  }

  @Test
  void tableIsLargeAndCoversEveryClass() {
    Set<InstructionClass> covered =
        table.stream()
            .map(TableEntry::kind)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(InstructionClass.class)));
    assertThat(table).hasSizeGreaterThan(300);
    assertThat(covered).containsExactlyInAnyOrder(InstructionClass.values());
  }

  @Test
  void everyInstructionDecodesToItsLengthClassAndOperands(@TempDir Path dir) throws IOException {
    ArmToolchain.assumeInstalled();
    String source = table.stream().map(TableEntry::assembly).collect(Collectors.joining("\n"));
    Path obj = ArmToolchain.assemble(dir, source);
    List<ArmToolchain.Disassembled> listing = ArmToolchain.disassemble(obj, ".text");
    byte[] code = ArmToolchain.sectionBytes(obj, ".text");
    Instruction[] decoded = ThumbDecoder.decodeBlock(code);

    assertThat(listing).as("objdump instructions vs table lines").hasSize(table.size());
    assertThat(decoded).as("decoded instructions vs table lines").hasSize(table.size());
    SoftAssertions softly = new SoftAssertions();
    for (int i = 0; i < table.size(); i++) {
      TableEntry entry = table.get(i);
      ArmToolchain.Disassembled dis = listing.get(i);
      String where = entry.assembly() + " (objdump: " + dis.mnemonic() + " " + dis.operands() + ")";
      softly.assertThat(decoded[i].length()).as("length of " + where).isEqualTo(dis.length());
      entry.check(decoded[i], where, softly);
    }
    softly.assertAll();
  }
}
