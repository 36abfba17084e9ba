package org.tinysim.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Graph;

class TrainingSpecTest {

  private static final Graph CHAIN = TrainingCompilerTest.chain().graph();

  private static String refusal(String json) {
    return assertThrows(
            TrainingSpecException.class,
            () -> LayerSelection.resolve(CHAIN, TrainingSpec.parse(json, "s.json")))
        .getMessage();
  }

  @Test
  void parsesEveryField() {
    TrainingSpec spec =
        TrainingSpec.parse(
            """
        { "layers": { "#5": "all", "conv_w": "channels:[2, 0]", "dw_w": "bias" },
          "optimizer": { "lr": 0.05, "momentum": 0 }, "qas": false, "params": "fp32",
          "batch": 1, "activationGradients": "int8", "sramBudget": 1000 }""",
            "s.json");
    assertEquals(
        List.of("#5", "conv_w", "dw_w"), spec.layers().stream().map(LayerRule::selector).toList());
    assertEquals(List.of(0, 2), ((UpdateRule.Channels) spec.layers().get(1).rule()).indices());
    assertEquals(0.05, spec.optimizer().learningRate());
    assertEquals(false, spec.qas());
    assertEquals(ParamPrecision.FP32, spec.paramPrecision());
    assertEquals(DataType.INT8, spec.activationGradientType());
    assertEquals(1000, spec.sramBudget());
    assertEquals(List.of(0, 1, 5), List.copyOf(LayerSelection.resolve(CHAIN, spec).keySet()));
  }

  @Test
  void arrayFormAndNoneRules() {
    TrainingSpec spec =
        TrainingSpec.parse(
            "{\"layers\": [{\"layer\": 5, \"update\": \"bias\"},"
                + " {\"layer\": \"t2\", \"update\": \"none\"}]}",
            "s.json");
    assertEquals(List.of(5), List.copyOf(LayerSelection.resolve(CHAIN, spec).keySet()));
    assertTrue(spec.qas());
    assertEquals(TrainingSpec.DEFAULT_SRAM_BUDGET, spec.sramBudget());
  }

  @Test
  void unknownLayerIsNamedWithTheTrainableOnes() {
    String m = refusal("{\"layers\": {\"nope\": \"all\"}}");
    assertTrue(m.contains("unknown layer 'nope'"), m);
    assertTrue(m.contains("0 't1'") && m.contains("5 't6'"), m);
    assertTrue(refusal("{\"layers\": {\"99\": \"all\"}}").contains("has 7 ops"));
  }

  @Test
  void impossibleUpdatesAreRefusedNamingTheLayer() {
    String tooMany = refusal("{\"layers\": {\"t1\": \"channels:5\"}}");
    assertTrue(
        tooMany.contains("'t1' (op 0 CONV_2D) has 4 output channels, but channels:5 " + "needs 5"),
        tooMany);
    String noWeights = refusal("{\"layers\": {\"t3\": \"bias\"}}");
    assertTrue(noWeights.contains("'t3' (op 2 ADD) has no weights"), noWeights);
    String twice = refusal("{\"layers\": {\"5\": \"bias\", \"t6\": \"all\"}}");
    assertTrue(twice.contains("named twice"), twice);
  }

  @Test
  void ambiguousPrefixIsRefused() {
    String m = refusal("{\"layers\": {\"t\": \"all\"}}");
    assertTrue(m.contains("ambiguous"), m);
  }

  @Test
  void malformedSpecsAreRefusedWithTheirPlace() {
    assertTrue(
        assertThrows(
                TrainingSpecException.class,
                () -> TrainingSpec.parse("{\"layers\": {\"5\": \"all\",,}}", "s.json"))
            .getMessage()
            .startsWith("s.json:1:"));
    assertTrue(
        assertThrows(
                TrainingSpecException.class,
                () -> TrainingSpec.parse("{\"layers\": {\"5\": \"some\"}}", "s.json"))
            .getMessage()
            .contains("unknown update rule 'some'"));
    assertTrue(
        assertThrows(
                TrainingSpecException.class,
                () -> TrainingSpec.parse("{\"layers\": {}, \"batch\": 8}", "s.json"))
            .getMessage()
            .contains("batch 8 is not supported"));
    assertTrue(
        assertThrows(
                TrainingSpecException.class,
                () -> TrainingSpec.parse("{\"layers\": {}, \"lr\": 0.1}", "s.json"))
            .getMessage()
            .contains("at /lr: Unrecognized field \"lr\""));
    String wrongType =
        assertThrows(
                TrainingSpecException.class,
                () -> TrainingSpec.parse("{\"layers\": {},\n \"qas\": 3}", "s.json"))
            .getMessage();
    assertTrue(
        wrongType.startsWith("s.json:2:")
            && wrongType.contains("at /qas:")
            && wrongType.contains("Boolean"),
        wrongType);
    assertTrue(
        assertThrows(
                TrainingSpecException.class,
                () -> TrainingSpec.parse("{\"layers\": {\"5\": \"channels:[1,1]\"}}", "s.json"))
            .getMessage()
            .contains("repeats"));
    assertTrue(
        assertThrows(
                TrainingSpecException.class,
                () ->
                    TrainingSpec.parse(
                        "{\"layers\": {}, \"optimizer\": {\"momentum\": 1.5}}", "s.json"))
            .getMessage()
            .contains("momentum 1.5"));
  }

  @Test
  void emptySpecUpdatesNothingAndIsRefusedByTheCompiler() {
    TrainingSpec spec = TrainingSpec.parse("{\"layers\": {\"t6\": \"none\"}}", "s.json");
    String m =
        assertThrows(
                TrainingSpecException.class,
                () ->
                    TrainingCompiler.compile(
                        TrainingCompilerTest.chain(), spec, CompileMode.SPARSE))
            .getMessage();
    assertTrue(m.contains("updates no layer"), m);
  }
}
