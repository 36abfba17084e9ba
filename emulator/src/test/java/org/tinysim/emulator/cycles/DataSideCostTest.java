package org.tinysim.emulator.cycles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model v3's per-block data side and cross-block hand-over on assembled snippets (CYCLE_MODEL.md).
 */
class DataSideCostTest {
  private static final int FLASH = 0x0800_1000;
  private static final int SRAM1 = 0x2002_0000;
  private static final int DTCM = 0x2000_1000;
  private static final int WAIT_STATES = 7;

  @TempDir Path dir;
  private final CortexM7CostModel v3 = new CortexM7CostModel(CortexM7CostModel.Version.V3);
  private final CortexM7CostModel v2 = new CortexM7CostModel(CortexM7CostModel.Version.V2);

  @BeforeEach
  void needsAssembler() {
    ArmToolchain.assumeInstalled();
  }

  /** r0 points at {@code r0}, every other register at 0; code in ITCM RAM. */
  private BlockCost cost(
      CortexM7CostModel model, String source, int r0, boolean dataCache, boolean resident)
      throws IOException {
    DataSide side =
        new DataSide(WAIT_STATES, dataCache, true, false, r -> r == 0 ? r0 : 0, resident);
    return model.cost(
        ArmToolchain.assembleBytes(dir, source), 0, CodeRegion.ITCM_RAM, WAIT_STATES, true, side);
  }

  private double cyclesWithFraction(BlockCost c) {
    return c.cycles() + c.dataFraction() / 256.0;
  }

  @Test
  void anUncachedFlashLoadPaysTheWaitStatesPlusOneAndDtcmNothing() throws IOException {
    String load = "ldr r1, [r0]\nadd r2, r2, r1";
    int dtcm = cost(v3, load, DTCM, false, false).cycles();
    assertThat(cost(v3, load, FLASH, false, false).cycles()).isEqualTo(dtcm + WAIT_STATES + 1);
    assertThat(cost(v3, load, SRAM1, false, false).cycles()).isEqualTo(dtcm + 1);
    assertThat(cost(v3, load, FLASH, false, false).stalls().memory()).isEqualTo(WAIT_STATES + 1);
    assertThat(cost(v2, load, FLASH, false, false).cycles()).as("v2: data is free").isEqualTo(dtcm);
  }

  @Test
  void aCachedStreamPaysItsShareOfALineFillAndReusedLinesNothing() throws IOException {
    String stream = "ldr r1, [r0], #4\nadd r2, r2, r1";
    double dtcm = cyclesWithFraction(cost(v3, stream, DTCM, true, false));
    double flash = cyclesWithFraction(cost(v3, stream, FLASH, true, false));
    assertThat(flash - dtcm)
        .isCloseTo((WAIT_STATES + 4) / 8.0, org.assertj.core.data.Offset.offset(1 / 256.0));
    assertThat(cyclesWithFraction(cost(v3, stream, FLASH, true, true)))
        .as("span within the cache")
        .isEqualTo(dtcm);
    assertThat(cyclesWithFraction(cost(v3, "ldr r1, [r0, #8]\nadd r2, r2, r1", FLASH, true, false)))
        .as("a fixed pointer reuses its line")
        .isEqualTo(
            cyclesWithFraction(cost(v3, "ldr r1, [r0, #8]\nadd r2, r2, r1", DTCM, true, false)));
  }

  @Test
  void storesToSramAndReloadedPointersCostNothingExtra() throws IOException {
    assertThat(cost(v3, "str r1, [r0], #4", SRAM1, true, false).stalls().memory()).isZero();
    assertThat(cost(v3, "str r1, [r0], #4", SRAM1, false, false).stalls().memory()).isZero();
    assertThat(cost(v3, "mov r0, r3\nldr r1, [r0]", FLASH, false, false).stalls().memory())
        .as("r0's entry value says nothing after the MOV")
        .isZero();
  }

  @Test
  void theProbeNamesTheRegisterAndMemoryTheCostsAssume() throws IOException {
    BlockCost c = cost(v3, "ldr r1, [r0], #4\nadd r2, r2, r1", FLASH, true, false);
    assertThat(c.dataProbe()).isEqualTo(0 | DataMemoryModel.Target.FLASH_AXIM.ordinal() << 8);
    assertThat(cost(v2, "ldr r1, [r0], #4", FLASH, true, false).dataProbe()).isEqualTo(-1);
  }

  /**
   * What the hook charges when {@code consumer} follows {@code producer} with no penalty between.
   */
  private static int handOverWait(BlockCost producer, BlockCost consumer) {
    if (producer.tail() == 0) {
      return 0;
    }
    return Math.max(0, (producer.tail() >> 8) - consumer.firstUses()[producer.tail() & 0xff]);
  }

  @Test
  void aLateResultIsHandedToTheNextBlock() throws IOException {
    BlockCost producer = cost(v3, "add r3, r3, #1\nldrb r1, [r0]", DTCM, false, false);
    int register = producer.tail() & 0xff;
    int remaining = producer.tail() >> 8;
    assertThat(register)
        .as("LDRB's result is the one in flight, as an address (the longer wait)")
        .isEqualTo(BlockHandOver.ADDRESS_REGISTERS + 1);
    assertThat(remaining).as("byte load latency 2 + 1 to an address, issued last").isEqualTo(2);
    BlockCost consumer = cost(v3, "add r2, r2, r1", DTCM, false, false);
    assertThat(consumer.firstUses()[1]).isZero();
    assertThat(consumer.firstUses()[BlockHandOver.ADDRESS_REGISTERS + 1])
        .as("an ALU use: one cycle after its ALU read, so the wait is the ALU latency's")
        .isEqualTo((byte) 1);
    assertThat(handOverWait(producer, consumer)).isEqualTo(1);
    assertThat(consumer.firstUses()[5]).as("never read").isEqualTo((byte) BlockHandOver.MAX_CYCLES);
    assertThat(cost(v2, "add r3, r3, #1\nldrb r1, [r0]", DTCM, false, false).tail()).isZero();
  }

  @Test
  void aConditionalResultIsHandedOverACycleLater() throws IOException {
    BlockCost plain = cost(v3, "cmp r2, #0\nmov r0, #1", DTCM, false, false);
    BlockCost conditional = cost(v3, "cmp r2, #0\nit eq\nmoveq r0, #1", DTCM, false, false);
    assertThat(plain.tail()).as("MOV: ready when the block ends").isZero();
    assertThat(conditional.tail() & 0xff).isEqualTo(0);
    assertThat(conditional.tail() >> 8).as("[L]: a cycle later to another condition").isEqualTo(1);
    BlockCost reader = cost(v3, "add r1, r0, #1", DTCM, false, false);
    assertThat(handOverWait(conditional, reader)).isEqualTo(1);
    assertThat(handOverWait(plain, reader)).isZero();
  }

  @Test
  void aLoadedValueReachesTheNextBlocksAddressGeneratorACycleLater() throws IOException {
    BlockCost producer = cost(v3, "add r3, r3, #1\nldr r1, [r0]", DTCM, false, false);
    BlockCost alu = cost(v3, "add r2, r2, r1", DTCM, false, false);
    BlockCost pointerChase = cost(v3, "ldr r2, [r1]", DTCM, false, false);
    assertThat(handOverWait(producer, alu)).as("word load -> ALU next cycle [J]").isZero();
    assertThat(handOverWait(producer, pointerChase))
        .as("word load -> address: one cycle more, as within a block")
        .isEqualTo(DualIssue.LOAD_TO_ADDRESS_EXTRA);
    BlockCost sameBlock =
        cost(v3, "add r3, r3, #1\nldr r1, [r0]\nldr r2, [r1]", DTCM, false, false);
    assertThat(sameBlock.cycles())
        .as("split or not, the chase costs the same")
        .isEqualTo(
            producer.cycles() + handOverWait(producer, pointerChase) + pointerChase.cycles());
  }
}
