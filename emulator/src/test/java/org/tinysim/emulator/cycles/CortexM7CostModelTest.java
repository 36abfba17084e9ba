package org.tinysim.emulator.cycles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Block costs of assembled snippets against the documented Cortex-M7 numbers. */
class CortexM7CostModelTest {
  private static final long ITCM = 0x0000_0000L;

  @TempDir Path dir;
  private final CortexM7CostModel model = new CortexM7CostModel();

  @BeforeEach
  void needsAssembler() {
    ArmToolchain.assumeInstalled();
  }

  private BlockCost cost(String source) throws IOException {
    return model.cost(ArmToolchain.assembleBytes(dir, source), ITCM, CodeRegion.ITCM_RAM, 0);
  }

  private int cycles(String source) throws IOException {
    return cost(source).cycles();
  }

  @Test
  void subsBneLoopRunsAtOneCyclePerIteration() throws IOException {
    BlockCost loop = cost("subs r0, #1\nbne .-2");
    assertThat(loop.instructions()).isEqualTo(2);
    assertThat(loop.cycles()).as("subs and bne dual-issue").isEqualTo(1);
    assertThat(loop.predictedBranch()).as("left to the dynamic predictor").isTrue();
    assertThat(loop.backwardBranch()).as("first guess: taken").isTrue();
    assertThat(loop.takenBranchPenalty()).as("a correctly predicted branch costs nothing").isZero();
  }

  @Test
  void multiplyResultStallsItsNextConsumerByOne() throws IOException {
    int dependent = cycles("mul r0, r1, r2\nadd r3, r0, #1");
    int independent = cycles("mul r0, r1, r2\nadd r3, r4, #1");
    assertThat(independent).as("MUL + ALU dual-issue").isEqualTo(1);
    assertThat(dependent).as("the add waits until cycle 2 (latency 2)").isEqualTo(3);
  }

  @Test
  void multiplyAccumulateChainsOnTheAccumulatorWithoutStalling() throws IOException {
    assertThat(cycles("smlad r0, r1, r2, r0\nsmlad r0, r3, r4, r0\nsmlad r0, r5, r6, r0"))
        .isEqualTo(3);
    assertThat(cycles("mul r0, r1, r2\nmla r3, r0, r4, r5"))
        .as("multiplicand dependency stalls")
        .isEqualTo(3);
  }

  @Test
  void byteAndHalfLoadsStallTheirConsumerButWordLoadsDoNot() throws IOException {
    assertThat(cycles("ldr r0, [r1]\nadd r2, r0, #1")).isEqualTo(2);
    assertThat(cycles("ldrb r0, [r1]\nadd r2, r0, #1")).isEqualTo(3);
    assertThat(cycles("ldrsh r0, [r1]\nadd r2, r0, #1")).isEqualTo(3);
    assertThat(cycles("ldrb r0, [r1]\nadd r2, r3, #1"))
        .as("no dependency: load + ALU pair")
        .isEqualTo(1);
    assertThat(cycles("ldrb r0, [r1], #1\ncmp r1, r2"))
        .as("post-increment base is ready next cycle")
        .isEqualTo(2);
    assertThat(cycles("ldrsh r0, [r1, #2]!\nadds r3, r1, #1")).isEqualTo(2);
  }

  @Test
  void wordLoadFeedingAMultiplierStalls() throws IOException {
    assertThat(cycles("ldr r0, [r1]\nmul r2, r0, r3")).isEqualTo(3);
    assertThat(cycles("ldrb r0, [r1]\nmla r2, r3, r4, r0"))
        .as("addend read late: ldrb no stall")
        .isEqualTo(2);
  }

  @Test
  void loadAndStoreMultipleMoveTwoRegistersPerCycle() throws IOException {
    assertThat(cycles("ldm r0, {r1-r8}")).isEqualTo(4);
    assertThat(cycles("ldm r0!, {r1-r3}")).isEqualTo(2);
    assertThat(cycles("push {r4-r11, lr}")).isEqualTo(5);
    assertThat(cycles("ldrd r0, r1, [r2]")).isEqualTo(1);
    assertThat(cycles("vldmia r0!, {s0-s7}")).isEqualTo(4);
    assertThat(cycles("vpush {d8-d15}")).as("8 doubles are 16 words").isEqualTo(8);
  }

  @Test
  void divideAndSquareRootBlockThePipeline() throws IOException {
    assertThat(cycles("vdiv.f32 s0, s1, s2")).isEqualTo(16);
    assertThat(cycles("vsqrt.f32 s0, s1")).isEqualTo(14);
    assertThat(cycles("vdiv.f64 d0, d1, d2")).isEqualTo(30);
    assertThat(cycles("vdiv.f32 s0, s1, s2\nadd r0, r1, r2"))
        .as("VDIV takes one integer partner")
        .isEqualTo(16);
    assertThat(cycles("vdiv.f32 s0, s1, s2\nadd r0, r1, r2\nadd r3, r4, r5")).isEqualTo(17);
    assertThat(cycles("sdiv r0, r1, r2")).isEqualTo(7);
    assertThat(cycles("udiv r0, r1, r2\nadd r3, r0, #1")).isEqualTo(8);
  }

  @Test
  void floatingPointResultLatencies() throws IOException {
    assertThat(cycles("vadd.f32 s0, s1, s2\nvadd.f32 s3, s4, s5")).isEqualTo(2);
    assertThat(cycles("vadd.f32 s0, s1, s2\nvadd.f32 s3, s0, s5")).as("latency 3").isEqualTo(4);
    assertThat(cycles("vfma.f32 s0, s1, s2\nvmul.f32 s3, s0, s5")).as("latency 5").isEqualTo(6);
    assertThat(cycles("vmla.f32 s0, s1, s2\nvmul.f32 s3, s0, s5")).as("latency 6").isEqualTo(7);
    assertThat(cycles("vldr s0, [r0]\nvadd.f32 s1, s0, s0")).isEqualTo(2);
    assertThat(cycles("vadd.f64 d0, d1, d2\nvadd.f32 s2, s1, s1")).as("s1 aliases d0").isEqualTo(4);
  }

  @Test
  void itAndDirectBranchesShareAnIssueSlot() throws IOException {
    assertThat(cycles("cmp r0, #0\nit eq\nmoveq r0, #1")).isEqualTo(2);
    assertThat(cycles("add r0, r1\nb .-100")).isEqualTo(1);
    assertThat(cycles("ldm r0, {r1, r2}\nb .-100"))
        .as("alone after an LDM, the branch pairs with its target")
        .isEqualTo(1);
    assertThat(cycles("ldm r0, {r1, r2}\nadd r3, r4\nadd r5, r6"))
        .as("LDM never pairs")
        .isEqualTo(2);
  }

  @Test
  void takenBranchPenaltiesFollowTheDocumentedTable() throws IOException {
    assertThat(cost("b .-100").takenBranchPenalty()).isEqualTo(BranchPenalties.PREDICTED_TAKEN);
    assertThat(cost("bl .+400").takenBranchPenalty()).isEqualTo(BranchPenalties.PREDICTED_TAKEN);
    assertThat(cost("cmp r0, #1\nbeq .-20").takenBranchPenalty())
        .as("predicted, not static")
        .isZero();
    assertThat(cost("cmp r0, #1\nbeq .+20").takenBranchPenalty()).isZero();
    // v3: what an indirect branch pays when the branch table does not hold its target
    assertThat(cost("bx lr").takenBranchPenalty()).isEqualTo(8);
    assertThat(cost("mov pc, r3").takenBranchPenalty()).isEqualTo(8);
    assertThat(cost("pop {r4, pc}").takenBranchPenalty()).isEqualTo(9);
    assertThat(cost("ldr pc, [r0]").takenBranchPenalty()).isEqualTo(9);
    assertThat(cost("tbb [pc, r0]").takenBranchPenalty()).isEqualTo(9);
    // v2: no table, a static expected penalty on every taken exit
    CortexM7CostModel v2 = new CortexM7CostModel(CortexM7CostModel.Version.V2);
    assertThat(v2.cost(ArmToolchain.assembleBytes(dir, "bx lr"), ITCM, CodeRegion.ITCM_RAM, 0))
        .extracting(BlockCost::takenBranchPenalty)
        .isEqualTo(4);
    assertThat(
            v2.cost(ArmToolchain.assembleBytes(dir, "pop {r4, pc}"), ITCM, CodeRegion.ITCM_RAM, 0))
        .extracting(BlockCost::takenBranchPenalty)
        .isEqualTo(5);
    assertThat(cost("add r0, r1\nsvc #0").takenBranchPenalty()).isZero();
    assertThat(cost("add r0, r1\nadd r2, r3").takenBranchPenalty()).isZero();
  }

  @Test
  void callsAndReturnsAreMarkedForTheReturnStack() throws IOException {
    assertThat(cost("bl .+400").endsInCall()).isTrue();
    assertThat(cost("blx r3").endsInCall()).isTrue();
    assertThat(cost("bl .+400").endsInReturn()).isFalse();
    for (String ret :
        new String[] {"bx lr", "pop {r4, pc}", "ldr pc, [sp], #4", "ldmia sp!, {r4-r6, pc}"}) {
      assertThat(cost(ret).endsInReturn()).as(ret).isTrue();
      assertThat(cost(ret).endsInCall()).as(ret).isFalse();
    }
    for (String jump :
        new String[] {
          "bx r3", "ldr pc, [r0]", "ldr.w pc, [lr, r0, lsl #2]", "tbb [pc, r0]", "b .-100"
        }) {
      assertThat(cost(jump).endsInReturn()).as(jump).isFalse();
      assertThat(cost(jump).endsInCall()).as(jump).isFalse();
    }
  }

  @Test
  void mispredictCostsSixWhenTheFlagsWereSetThreeCyclesEarlier() throws IOException {
    BlockCost near = cost("nop.w\nnop.w\nnop.w\nnop.w\nnop.w\nnop.w\nsubs r0, #1\nbne .-30");
    BlockCost far = cost("subs r0, #1\nnop.w\nnop.w\nnop.w\nnop.w\nnop.w\nnop.w\nbne .-30");
    assertThat(near.cycles()).isEqualTo(far.cycles()).isEqualTo(4);
    assertThat(near.mispredictPenalty()).isEqualTo(BranchPenalties.MISPREDICT);
    assertThat(far.mispredictPenalty()).isEqualTo(BranchPenalties.MISPREDICT_EARLY_FLAGS);
    BlockCost cbz = cost("cbz r0, .+20");
    assertThat(cbz.predictedBranch()).isTrue();
    assertThat(cbz.backwardBranch()).as("forward: first guess not taken").isFalse();
    assertThat(cbz.mispredictPenalty()).as("register tested right at the block start").isEqualTo(8);
    assertThat(cost("bx lr").predictedBranch()).isFalse();
  }

  @Test
  void cyclesBeforeIsMonotoneAndEndsWithinTheBlock() throws IOException {
    BlockCost c =
        cost(
            "ldrb r0, [r1], #1\nldrb r2, [r3], #1\nsmlabb r4, r0, r2, r4\n"
                + "vdiv.f32 s0, s1, s2\nldm r5, {r6-r9}\nmul r6, r6, r7\nadd r8, r6, #1\nsubs r10, #1\nbne .-30");
    assertThat(c.instructions()).isEqualTo(9);
    assertThat(c.cyclesBefore()).hasSize(9).startsWith(0).isSorted();
    assertThat(c.cyclesBefore()[8]).isLessThanOrEqualTo(c.cycles());
    // ldrb 0, ldrb 1 (two loads on unknown banks do not pair), smlabb waits for r2 (1+2) 3,
    // vdiv 4..20, ldm 20..22, mul waits r7 (20+2) 22, add waits mul (22+2) 24, subs pairs with it,
    // bne alone at 25 pairs with the next block's first instruction: 25 cycles.
    assertThat(c.cyclesBefore()).containsExactly(0, 1, 3, 4, 20, 22, 24, 24, 25);
    assertThat(c.cycles()).isEqualTo(25);
    assertThat(c.cyclesBeforeOffset(c.instructionOffsets()[4])).isEqualTo(20);
  }

  @Test
  void offsetsAndClassCountsDescribeTheBlock() throws IOException {
    BlockCost c =
        cost("movs r0, #0\nldr.w r1, [r2, #4]\nvadd.f32 s0, s1, s2\nit ne\naddne r0, r1\nbx lr");
    assertThat(c.instructionOffsets()).containsExactly(0, 2, 6, 10, 12, 14);
    assertThat(Arrays.stream(c.classCounts()).sum()).isEqualTo(c.instructions());
    assertThat(c.classCounts()[InstructionClass.ALU.ordinal()]).isEqualTo(2);
    assertThat(c.classCounts()[InstructionClass.IT.ordinal()]).isEqualTo(1);
    assertThat(c.classCounts()[InstructionClass.BRANCH.ordinal()]).isEqualTo(1);
    assertThat(c.classCounts()).hasSize(InstructionClass.values().length);
  }

  @Test
  void everyBlockCostsAtLeastOneCycleSoTimeAdvances() throws IOException {
    assertThat(cycles("b .")).isEqualTo(1);
    assertThat(model.cost(new byte[0], ITCM, CodeRegion.ITCM_RAM, 0).cycles()).isEqualTo(1);
  }

  @Test
  void branchTableSizeComesFromItsPropertyForTheSweepAndRejectsNonPowersOfTwo() {
    CortexM7CostModel v3 = new CortexM7CostModel(CortexM7CostModel.Version.V3);
    String property = CortexM7CostModel.BRANCH_TABLE_PROPERTY;
    try {
      System.clearProperty(property);
      assertThat(v3.branchTableEntries()).isEqualTo(CortexM7CostModel.BRANCH_TABLE_ENTRIES);
      System.setProperty(property, "512");
      assertThat(v3.branchTableEntries()).isEqualTo(512);
      assertThat(new CortexM7CostModel(CortexM7CostModel.Version.V2).branchTableEntries()).isZero();
      System.setProperty(property, "96");
      assertThatThrownBy(v3::branchTableEntries)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(property)
          .hasMessageContaining("'96'");
    } finally {
      System.clearProperty(property);
    }
  }
}
