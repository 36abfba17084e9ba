package org.tinysim.emulator.cycles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pairing rules of [J] (jnk0le, cortex_m7.md) on assembled two-instruction snippets. */
class DualIssueTest {
  @TempDir Path dir;
  private final CortexM7CostModel model = new CortexM7CostModel();

  @BeforeEach
  void needsAssembler() {
    ArmToolchain.assumeInstalled();
  }

  private BlockCost cost(String source) throws IOException {
    return model.cost(ArmToolchain.assembleBytes(dir, source), 0, CodeRegion.ITCM_RAM, 0);
  }

  private int cycles(String source) throws IOException {
    return cost(source).cycles();
  }

  @Test
  void aluPairsAndAddForwardsToItsPartnerInTheSameCycle() throws IOException {
    assertThat(cycles("add r0, r1, r2\nadd r3, r4, r5")).isEqualTo(1);
    assertThat(cycles("add r0, r1, r2\nadd r3, r0, r5"))
        .as("early-to-late forwarding")
        .isEqualTo(1);
    assertThat(cycles("eor r0, r1, r2\nadd r3, r0, r5"))
        .as("EOR is a late-ALU result")
        .isEqualTo(2);
    assertThat(cycles("nop.w\nnop.w\nnop.w\nnop.w")).as("NOPs pair, not removed").isEqualTo(2);
  }

  @Test
  void bitfieldAndDspOpsGoOnlyInTheOlderSlot() throws IOException {
    assertThat(cycles("uxtb r3, r4\nadd r0, r1, r2")).isEqualTo(1);
    assertThat(cycles("add r0, r1, r2\nuxtb r3, r4")).isEqualTo(2);
    assertThat(cycles("uxtb r0, r1\nuxtb r2, r3")).isEqualTo(2);
    assertThat(cycles("uxtb r0, r1\nadd r2, r3, r4, lsl #2"))
        .as("not with a shifted operand")
        .isEqualTo(2);
  }

  @Test
  void shiftedOperandsShareOneShifter() throws IOException {
    assertThat(cycles("add r0, r1, r2, lsl #2\nadd r3, r4, r5, lsl #1")).isEqualTo(2);
    assertThat(cycles("add r0, r1, r2, lsl #2\nadd r3, r4, r5")).isEqualTo(1);
  }

  @Test
  void multipliesStoresAndFpArithmeticDoNotPairAmongThemselves() throws IOException {
    assertThat(cycles("mul r0, r1, r2\nmul r3, r4, r5")).isEqualTo(2);
    assertThat(cycles("mul r0, r1, r2\nstr r3, [r4]")).isEqualTo(2);
    assertThat(cycles("mul r0, r1, r2\nldr r3, [r4]")).isEqualTo(1);
    assertThat(cycles("str r0, [r1]\nstr r2, [r3]")).isEqualTo(2);
    assertThat(cycles("ldr r0, [r1]\nstr r2, [r3]")).isEqualTo(1);
    assertThat(cycles("vadd.f32 s0, s1, s2\nvmul.f32 s3, s4, s5")).isEqualTo(2);
    assertThat(cycles("vfma.f32 s0, s1, s2\nvldr s3, [r0]")).isEqualTo(2);
  }

  @Test
  void aLoadedValueReachesTheAddressGeneratorACycleLaterThanTheAlu() throws IOException {
    assertThat(cycles("ldr r1, [r0]\nadds r2, r1, #1")).as("word load to ALU: 1").isEqualTo(2);
    assertThat(cycles("ldr r1, [r0]\nldr r2, [r1]")).as("pointer chasing: 2").isEqualTo(3);
    assertThat(cycles("ldr r1, [r0]\nstr r2, [r1]")).as("store address: 2").isEqualTo(3);
    assertThat(cycles("ldrb r1, [r0]\nldr r2, [r1]")).as("byte load: 2 + 1").isEqualTo(4);
    assertThat(cycles("ldr r1, [r0], #4\nldr r2, [r0]"))
        .as("a written-back base still comes from the address generator in 1")
        .isEqualTo(2);
  }

  @Test
  void aStoreWritesAnyResultInTheCycleItIsProduced() throws IOException {
    assertThat(cycles("ldr r1, [r0]\nstr r1, [r2]")).as("[J]: even a load's").isEqualTo(1);
    assertThat(cycles("ldrb r1, [r0]\nstrb r1, [r2, #1]")).as("a byte load's too").isEqualTo(1);
    assertThat(cycles("eor r1, r2, r3\nstr r1, [r4]")).isEqualTo(1);
    assertThat(cycles("ldr r1, [r0]\nstrd r1, r2, [r4]")).as("STRD data").isEqualTo(1);
    assertThat(cycles("ldr r1, [r0]\nstr r1, [r1]"))
        .as("the data is also the address: load to address, 2")
        .isEqualTo(3);
    assertThat(cycles("ldr r1, [r0]\nstr r2, [r3, r1]")).as("an index is an address").isEqualTo(3);
    assertThat(cycles("ldr r1, [r0]\npush {r1, lr}"))
        .as("STM/PUSH read their registers as before")
        .isEqualTo(2);
  }

  @Test
  void aConditionalResultReachesAnotherConditionACycleLater() throws IOException {
    // cmp | it; moveq (flags ready); the reader: [L] one cycle more outside the condition pair
    assertThat(cycles("cmp r2, #0\nit eq\nmoveq r0, #1\nadd r1, r0, #1"))
        .as("unconditional reader: 0 + 1")
        .isEqualTo(3);
    assertThat(cycles("cmp r2, #0\nite eq\nmoveq r0, #1\naddne r1, r0, #1"))
        .as("EQ and NE are one pair: forwarded in the same cycle")
        .isEqualTo(2);
    assertThat(cycles("cmp r2, #0\nit eq\nmoveq r0, #1\nit mi\naddmi r1, r0, #1"))
        .as("another pair")
        .isEqualTo(3);
    assertThat(cycles("cmp r2, #0\nmov r0, #1\nadd r1, r0, #1")).as("no IT").isEqualTo(2);
    assertThat(cycles("cmp r2, #0\nit eq\neoreq r0, r0, r3\nadd r1, r4, r0, lsl #1"))
        .as("early read: 2 + 1, at most 3")
        .isEqualTo(5);
  }

  @Test
  void twoLoadsPairOnlyOnDifferentBanks() throws IOException {
    assertThat(cycles("ldr r0, [r1]\nldr r2, [r1, #4]")).isEqualTo(1);
    assertThat(cycles("ldr r0, [r1]\nldr r2, [r1, #8]")).as("same bank").isEqualTo(2);
    assertThat(cycles("ldr r0, [r1]\nldr r2, [r3]"))
        .as("banks unknown: assumed to conflict")
        .isEqualTo(2);
  }

  @Test
  void byteStoresToOneBankClogTheStoreBuffer() throws IOException {
    String oneBank = "strb r0, [r1]\nstrb r0, [r1, #8]\n".repeat(6);
    String alternating = "strb r0, [r1]\nstrb r0, [r1, #4]\n".repeat(6);
    BlockCost one = cost(oneBank);
    assertThat(one.cycles()).isGreaterThan(cycles(alternating)).isGreaterThan(12);
    assertThat(one.stalls().storeBuffer()).isPositive();
    assertThat(cycles("str r0, [r1]\nstr r0, [r1, #8]\n".repeat(6)))
        .as("word stores merge")
        .isEqualTo(12);
  }

  @Test
  void oneBlockLoopsAreCostedInTheirSteadyState() throws IOException {
    // vadd accumulates across iterations: 3 cycles each (latency), not 1 as a lone block says
    assertThat(cycles("vadd.f32 s0, s0, s1\nsubs r0, #1\nbne .-6")).isEqualTo(3);
    // one strb per iteration to the same byte: the store buffer clogs at 4 cycles per store
    assertThat(cycles("strb r2, [r1]\nsubs r0, #1\nbne .-4")).isEqualTo(4);
    assertThat(cycles("subs r0, #1\nbne .-2")).as("nothing carried: still 1").isEqualTo(1);
    assertThat(cycles("vadd.f32 s0, s0, s1\nsubs r0, #1\nbne .+20")).as("not a loop").isEqualTo(1);
  }

  @Test
  void stallsAreAttributedToTheirCause() throws IOException {
    StallCounts load = cost("ldrb r0, [r1]\nadd r2, r0, #1").stalls();
    assertThat(load.loadUse()).isEqualTo(1);
    assertThat(load.dependency()).isZero();
    StallCounts mul = cost("mul r0, r1, r2\nadd r3, r0, #1").stalls();
    assertThat(mul.dependency()).isEqualTo(1);
    assertThat(cost("add r0, r1, r2\nuxtb r3, r4").stalls().dualIssueLost()).isEqualTo(1);
  }
}
