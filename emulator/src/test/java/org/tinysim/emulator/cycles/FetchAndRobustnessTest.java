package org.tinysim.emulator.cycles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Fetch models, truncated input and arbitrary bytes: no toolchain needed. */
class FetchAndRobustnessTest {
  /** Eight 16-bit NOPs (0xBF00): 16 bytes, 4 dual-issued cycles without fetch costs. */
  private static final byte[] EIGHT_NOPS = {
    0,
    (byte) 0xBF,
    0,
    (byte) 0xBF,
    0,
    (byte) 0xBF,
    0,
    (byte) 0xBF,
    0,
    (byte) 0xBF,
    0,
    (byte) 0xBF,
    0,
    (byte) 0xBF,
    0,
    (byte) 0xBF
  };

  @Test
  void defaultModelTreatsFlashAsCacheHits() {
    CortexM7CostModel model = new CortexM7CostModel();
    int itcm = model.cost(EIGHT_NOPS, 0x0, CodeRegion.ITCM_RAM, 0).cycles();
    int flash = model.cost(EIGHT_NOPS, 0x0800_0000L, CodeRegion.FLASH_AXIM, 7).cycles();
    assertThat(itcm).isEqualTo(4);
    assertThat(flash).isEqualTo(itcm);
  }

  @Test
  void defaultModelPaysWaitStatesOnlyWhileTheFlashCacheIsOff() {
    CortexM7CostModel model = new CortexM7CostModel();
    BlockCost off = model.cost(EIGHT_NOPS, 0x0800_0000L, CodeRegion.FLASH_AXIM, 7, false);
    assertThat(off.cycles()).as("2 beats x (7 ws + bridge) + 4").isEqualTo(20);
    assertThat(off.stalls().fetch()).isEqualTo(16);
    BlockCost sramOff = model.cost(EIGHT_NOPS, 0x2001_0000L, CodeRegion.SRAM_AXIM, 7, false);
    assertThat(sramOff.cycles())
        .as("2 beats x SRAM1 over AXIM + 4")
        .isEqualTo(2 * FetchModel.SRAM_AXIM_BEAT_CYCLES + 4);
    assertThat(model.cost(EIGHT_NOPS, 0x2001_0000L, CodeRegion.SRAM_AXIM, 7, true).cycles())
        .as("I-cache on")
        .isEqualTo(4);
    assertThat(model.cost(EIGHT_NOPS, 0x0000_0000L, CodeRegion.ITCM_RAM, 7, false).cycles())
        .isEqualTo(4);
  }

  @Test
  void uncachedFetchPaysItsPathPerSixtyFourBitBeat() {
    CortexM7CostModel model =
        new CortexM7CostModel(new SingleIssue(new CortexM7Timings()), FetchModel.UNCACHED);
    BlockCost aligned = model.cost(EIGHT_NOPS, 0x0800_0000L, CodeRegion.FLASH_AXIM, 7);
    BlockCost straddling = model.cost(EIGHT_NOPS, 0x0800_0004L, CodeRegion.FLASH_ITCM, 7);
    assertThat(aligned.cycles()).as("2 beats x (7 ws + bridge) + 8").isEqualTo(24);
    assertThat(aligned.cyclesBefore()[0]).isEqualTo(16);
    assertThat(straddling.cycles()).as("3 beats x 7 ws (ITCM path, no bridge) + 8").isEqualTo(29);
    assertThat(model.cost(EIGHT_NOPS, 0x2000_0000L, CodeRegion.SRAM, 7).cycles()).isEqualTo(8);
  }

  @Test
  void truncatedWideInstructionIsUndefinedNotAnException() {
    byte[] halfOfLdrW = {(byte) 0xD1, (byte) 0xF8};
    Instruction[] block = ThumbDecoder.decodeBlock(halfOfLdrW);
    assertThat(block).hasSize(1);
    assertThat(block[0].kind()).isEqualTo(InstructionClass.UNDEFINED);
    assertThat(block[0].length()).isEqualTo(2);
    assertThat(ThumbDecoder.decodeBlock(new byte[] {0x00})[0].kind())
        .isEqualTo(InstructionClass.UNDEFINED);
  }

  @Test
  void arbitraryBytesAlwaysDecodeToTwoOrFourByteInstructions() {
    Random random = new Random(746);
    byte[] code = new byte[4];
    for (int i = 0; i < 200_000; i++) {
      random.nextBytes(code);
      Instruction insn = ThumbDecoder.decode(code, 0);
      int hw1 = (code[0] & 0xFF) | (code[1] & 0xFF) << 8;
      assertThat(insn.length()).isEqualTo(ThumbDecoder.isWide(hw1) ? 4 : 2);
      assertThat(insn.kind()).isNotNull();
    }
  }

  @Test
  void costOfRandomBlocksIsConsistent() {
    Random random = new Random(7);
    CortexM7CostModel model = new CortexM7CostModel();
    for (int i = 0; i < 2_000; i++) {
      byte[] code = new byte[2 * (1 + random.nextInt(40))];
      random.nextBytes(code);
      BlockCost c = model.cost(code, 0, CodeRegion.ITCM_RAM, 0);
      assertThat(c.cyclesBefore()).isSorted();
      assertThat(c.cycles()).isGreaterThanOrEqualTo(c.cyclesBefore()[c.instructions() - 1]);
      assertThat(c.instructionOffsets()).hasSize(c.instructions());
    }
  }
}
