package org.tinysim.golden.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The cycle model against Cortex-M7 silicon: each microbenchmark of src/test/firmware is timed by
 * the firmware with DWT->CYCCNT and must land within 10 % of the figure jnk0le measured on an
 * STM32H743 (pipeline cycle test/doc/cortex_m7.md, "[J]" in emulator/CYCLE_MODEL.md). Every figure
 * is a difference of two runs (2N vs N repetitions), so the cost of the counter reads cancels.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CortexM7CalibrationTest {
  private static final double TOLERANCE = 0.10;

  private CalibrationFirmware.Output out;
  private final List<String> table = new ArrayList<>();

  @BeforeAll
  void runFirmware() {
    out = CalibrationFirmware.run("calibration");
    System.out.println("raw DWT->CYCCNT differences: " + out.values());
  }

  private double perRep(String name, int small, int large, int opsPerRep) {
    return (double) (out.value(name + "_" + large) - out.value(name + "_" + small))
        / ((large - small) * opsPerRep);
  }

  private double perIteration(String name, int small, int large) {
    return (double) (out.value(name + "_k" + large) - out.value(name + "_k" + small))
        / (large - small);
  }

  /** Loop-exit cost: a 10-iteration run minus its iterations and the reads around it. */
  private double exitPenalty(String name) {
    return out.value(name + "_k10") - 10 * perIteration(name, 10, 20) - out.value("loop_overhead");
  }

  private void check(String benchmark, double published, double ours) {
    double error = (ours - published) / published;
    String row =
        String.format(
            "| %-52s | %6.2f | %6.2f | %+6.1f %% |", benchmark, published, ours, 100 * error);
    table.add(row);
    System.out.println(row);
    assertThat(Math.abs(error))
        .as(benchmark + ": published " + published + ", ours " + ours)
        .isLessThanOrEqualTo(TOLERANCE);
  }

  @Test
  void nopSubsUxtbBneLoopRunsTwentyCyclesPerIteration() {
    check(
        "1. 37 nop.w + subs.w + uxtb.w + bne.w, cycles/iteration",
        20,
        perIteration("loop40", 100, 200));
  }

  @Test
  void subsBneLoopRunsOneCyclePerIteration() {
    check("2. subs/bne delay loop, cycles/iteration", 1, perIteration("delay", 1000, 2000));
  }

  @Test
  void multipliesFollowTheMeasuredThroughputAndLatency() {
    check("3. SMLAD accumulator chain, cycles/MAC", 1, perRep("smlad", 16, 32, 1));
    check("3. SMLAL accumulator chain, cycles/MAC", 1, perRep("smlal", 16, 32, 1));
    check("3. two independent MULs, cycles/pair", 2, perRep("mulpair", 16, 32, 1));
    check(
        "3. MUL result used by the next instruction, extra cycles",
        1,
        perRep("muluse", 16, 32, 1) - perRep("mulnouse", 16, 32, 1));
  }

  @Test
  void loadsFollowTheMeasuredLatencies() {
    check("4. LDR -> dependent ADD (no stall), cycles/pair", 1, perRep("ldradd", 16, 32, 1));
    check("4. LDRB -> dependent ADD (+1), cycles/pair", 2, perRep("ldrbadd", 16, 32, 1));
    check("4. LDM of 8 registers, cycles", 4, perRep("ldm8", 8, 16, 1));
  }

  @Test
  void loopExitMispredictDependsOnFlagSetterDistance() {
    check("5. loop-exit mispredict, flags set just before bne", 8, exitPenalty("near"));
    check("5. loop-exit mispredict, flags set >= 3 cycles before", 6, exitPenalty("far"));
  }

  @Test
  void singlePrecisionFpFollowsTheMeasuredLatencies() {
    check("6. dependent VADD.F32 chain, cycles/op", 3, perRep("vadd", 16, 32, 1));
    check("6. VDIV.F32, cycles", 16, perRep("vdiv", 8, 16, 1));
    check("6. VSQRT.F32, cycles", 14, perRep("vsqrt", 8, 16, 1));
  }

  @Test
  void byteStoresClogTheStoreBufferByBank() {
    check("7. DTCM STRB stream, one bank, cycles/store", 4, perRep("strbone", 16, 32, 2));
    check("7. DTCM STRB stream, alternating banks, cycles/store", 2, perRep("strbalt", 16, 32, 2));
  }

  @Test
  void theSameFirmwareGivesTheSameCyclesOnEveryRun() {
    CalibrationFirmware.Output again = CalibrationFirmware.run("calibration");
    assertThat(again.values()).isEqualTo(out.values());
    assertThat(again.result().cycles()).isEqualTo(out.result().cycles());
  }

  /**
   * Sanity band, not a silicon figure: ST's AN4667 has F7 code fetched from flash without caches
   * several times slower than with them; the model's ratio must fall between 3 and 8.
   */
  @Test
  void flashCodeWithTheInstructionCacheOffIsSeveralTimesSlower() {
    long on = out.value("flash_icache_on");
    long off = out.value("flash_icache_off");
    double ratio = (double) off / on;
    System.out.printf(
        "| flash workload, I-cache off / on (sanity band 3..8, ~5 expected) | %d / %d = %.2f |%n",
        off, on, ratio);
    assertThat(ratio).isBetween(3.0, 8.0);
  }
}
