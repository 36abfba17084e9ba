package org.tinysim.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.prepare.PreparedGraph;

/** Schemes on the chain model: weighted layers op0 CONV 3x3, op1 DEPTHWISE, op5 FC head. */
class SparseSchemesTest {

  private static final PreparedGraph CHAIN = TrainingCompilerTest.chain();

  private static TrainingSpec budget(long bytes) {
    return new TrainingSpec(
        List.of(),
        new Optimizer(0.01, 0.9),
        true,
        ParamPrecision.INT8,
        1,
        DataType.FLOAT32,
        bytes,
        "test");
  }

  private static List<String> text(List<LayerRule> rules) {
    return rules.stream().map(r -> r.selector() + "=" + r.rule()).toList();
  }

  @Test
  void defaultSchemeTrainsTheHeadAndBiasesOfNonPointwiseLayers() {
    assertEquals(
        List.of("0=bias", "1=bias", "5=all"), text(SparseSchemes.defaultRules(CHAIN.graph())));
  }

  @Test
  void chooserStopsAtTheBudget() {
    // Head alone: 852 B (see TrainingMemoryTest); the depthwise bias adds copies and momentum.
    assertEquals(
        List.of("5=all"), text(SparseSchemes.fitToBudget(CHAIN, budget(852), Long.MAX_VALUE)));
    assertEquals(
        List.of("0=bias", "1=bias", "5=all"),
        text(SparseSchemes.fitToBudget(CHAIN, budget(1 << 20), Long.MAX_VALUE)));
  }

  @Test
  void chooserStopsAtTheMacBudget() {
    // Head: FC weight gradient, 12 MACs. The depthwise bias adds the FC input gradient (12).
    assertEquals(List.of("5=all"), text(SparseSchemes.fitToBudget(CHAIN, budget(1 << 20), 12)));
  }

  @Test
  void headThatCannotFitIsRefused() {
    TrainingDoesNotFitException e =
        assertThrows(
            TrainingDoesNotFitException.class,
            () -> SparseSchemes.fitToBudget(CHAIN, budget(800), Long.MAX_VALUE));
    assertEquals(52, e.overBytes());
  }
}
