package org.tinysim.harness.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every lab's grader on its reference solution (must pass) and on its starter (must fail exactly
 * the criteria the student is meant to fix).
 */
class LabGradersTest {

  @TempDir static Path build;

  private static LabKit kit;

  @BeforeAll
  static void locate() {
    kit = new LabKit(Path.of("..", "labs"));
  }

  private static void check(int lab, List<String> starterFailures) {
    Lab l = LabKit.lab(lab);
    LabReport solution = kit.check(l, kit.solution(l), build);
    assertThat(solution.passed()).as(solution.toText()).isTrue();
    LabReport starter = kit.check(l, null, build);
    assertThat(starter.failedNames())
        .as(starter.toText())
        .containsExactlyInAnyOrderElementsOf(starterFailures);
  }

  @Test
  void lab1BareMetal() {
    List<String> expected =
        new ArrayList<>(
            List.of("core clock 216 MHz", "USART1 at 115200 baud", "DWT timing of lab1_work"));
    if (BareMetalLab.FaultDelivery.available(build)) {
      expected.add("fault handler prints the faulting PC");
    }
    check(1, expected);
    LabReport solution = kit.check(LabKit.lab(1), kit.solution(LabKit.lab(1)), build);
    Criterion fault = solution.criteria().get(solution.criteria().size() - 1);
    // Graded as soon as the emulator delivers faults; until then reported, not failed.
    assertThat(fault.status()).isIn(Criterion.Status.PASS, Criterion.Status.NEEDS_EMULATOR_FEATURE);
  }

  @Test
  void lab2ConvKernel() {
    check(2, List.of("cycles within the DSP band"));
  }

  @Test
  void lab3Memory() {
    check(3, List.of("peak SRAM within the budget"));
  }

  @Test
  void lab4Patch() {
    check(4, List.of("peak SRAM within the budget"));
  }

  @Test
  void lab5Training() {
    check(
        5, List.of("training step fits 256 KB (planned)", "accuracy after training on the board"));
  }
}
