package org.tinysim.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.engine.tflite.TestModels;
import org.tinysim.engine.training.TrainStep.BiasGradient;
import org.tinysim.engine.training.TrainStep.Forward;
import org.tinysim.engine.training.TrainStep.InputGradient;
import org.tinysim.engine.training.TrainStep.LossGradient;
import org.tinysim.engine.training.TrainStep.Update;
import org.tinysim.engine.training.TrainStep.WeightGradient;

/**
 * Backward derivation on {@link TestModels#chain()}: op0 CONV(relu) t1, op1 DW(relu6) t2, op2
 * ADD(t1,t2) t3, op3 AVG_POOL t4, op4 RESHAPE t5, op5 FC t6, op6 SOFTMAX t7.
 */
class TrainingCompilerTest {

  static PreparedGraph chain() {
    return Preparer.prepare(TfliteImporter.load(TestModels.chain(), "chain"));
  }

  static TrainingProgram compile(String layersJson, CompileMode mode) {
    TrainingSpec spec = TrainingSpec.parse("{\"layers\": " + layersJson + "}", "test.json");
    return TrainingCompiler.compile(chain(), spec, mode);
  }

  static TrainTensor named(TrainingProgram p, String name) {
    return p.tensors().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no tensor " + name + " in " + p.tensors()));
  }

  static int indexOf(TrainingProgram p, Predicate<TrainStep> which) {
    for (int i = 0; i < p.steps().size(); i++) {
      if (which.test(p.steps().get(i))) {
        return i;
      }
    }
    throw new AssertionError("no such step in " + p.steps());
  }

  @Test
  void headOnlyUpdateHasNoActivationGradientBelowTheHead() {
    TrainingProgram p = compile("{\"t6\": \"all\"}", CompileMode.SPARSE_REORDERED);
    List<String> kinds = p.steps().stream().map(s -> s.getClass().getSimpleName()).toList();
    assertEquals(
        List.of(
            "Forward",
            "Forward",
            "Forward",
            "Forward",
            "Forward",
            "Forward",
            "Forward",
            "LossGradient",
            "WeightGradient",
            "Update",
            "BiasGradient",
            "Update"),
        kinds);
    assertEquals(
        List.of(0, 1, 2, 3, 4, 5, 6), p.steps(Forward.class).stream().map(Forward::op).toList());
    LossGradient loss = p.steps(LossGradient.class).get(0);
    assertEquals(named(p, "act:t7").id(), loss.scores(), "the loss reads the softmax output");
    assertEquals(5, loss.op());
    assertEquals(6, loss.softmaxOp());
    assertEquals(named(p, "dX:t6").id(), loss.gradient(), "gradient w.r.t. the logits");
    assertTrue(p.steps(InputGradient.class).isEmpty());
    WeightGradient wg = p.steps(WeightGradient.class).get(0);
    assertEquals(named(p, "act:t5").id(), wg.input(), "FC weight gradient reads its saved input");
    assertEquals(List.of(0, 1, 2), wg.channels());
    assertEquals(3, p.steps(LossGradient.class).get(0).classes());
  }

  @Test
  void biasOfFirstLayerPropagatesThroughResidualButNeverToTheInput() {
    TrainingProgram p = compile("{\"0\": \"bias\"}", CompileMode.SPARSE_REORDERED);
    List<InputGradient> grads = p.steps(InputGradient.class);
    assertEquals(List.of(5, 3, 2, 1), grads.stream().map(InputGradient::op).toList());
    InputGradient toBranch = grads.get(2);
    assertEquals(1, toBranch.inputSlot(), "the skip input (slot 0) takes over the add's gradient");
    assertEquals(named(p, "dX:t3").id(), toBranch.gradOutput());
    assertEquals(named(p, "dX:t2").id(), toBranch.gradInput());
    assertFalse(toBranch.accumulate());
    InputGradient viaDepthwise = grads.get(3);
    assertEquals(named(p, "dX:t3").id(), viaDepthwise.gradInput(), "t1's gradient is t3's buffer");
    assertTrue(viaDepthwise.accumulate(), "t1 feeds the add and the depthwise: gradients sum");
    TrainTensor scratch = p.tensor(viaDepthwise.scratch());
    assertEquals(256 * 4, scratch.bytes(), "float temporary of t1's size");
    int at = p.steps().indexOf(viaDepthwise);
    assertEquals(at, scratch.firstStep());
    assertEquals(at, scratch.lastStep());
    assertTrue(
        p.tensors().stream().noneMatch(t -> t.name().equals("dX:input")),
        "the network input needs no gradient");
    assertTrue(
        p.tensors().stream().noneMatch(t -> t.name().equals("dX:t4") || t.name().equals("dX:t1")),
        "reshape and add inputs alias the output gradient");
    assertEquals(named(p, "dX:t5").id(), grads.get(1).gradOutput());
    assertTrue(p.steps(WeightGradient.class).isEmpty());
    List<TrainStep.ActivationMask> masks = p.steps(TrainStep.ActivationMask.class);
    assertEquals(List.of(1, 0), masks.stream().map(TrainStep.ActivationMask::op).toList());
    assertEquals(Activation.RELU6, masks.get(0).activation());
    assertEquals(List.of(0, 1, 2, 3), p.steps(BiasGradient.class).get(0).channels());
  }

  @Test
  void savedActivationsLiveUntilTheirLastBackwardUse() {
    TrainingProgram p = compile("{\"0\": \"bias\"}", CompileMode.SPARSE_REORDERED);
    int maskOfConv = indexOf(p, s -> s instanceof TrainStep.ActivationMask m && m.op() == 0);
    assertEquals(maskOfConv, named(p, "act:t1").lastStep(), "relu mask needs conv output");
    assertEquals(0, named(p, "in:input").lastStep(), "input is not saved: no weight gradient");
    assertEquals(3, named(p, "act:t3").lastStep(), "pool backward needs no saved input");
  }

  @Test
  void reorderingEndsGradientLifetimesRightAfterTheirUpdates() {
    TrainingProgram reordered =
        compile("{\"0\": \"all\", \"t6\": \"all\"}", CompileMode.SPARSE_REORDERED);
    for (Update u : reordered.steps(Update.class)) {
      TrainTensor g = reordered.tensor(u.gradient());
      int at = reordered.steps().indexOf(u);
      assertEquals(at, g.lastStep(), g.name() + " dies at its update");
      assertEquals(at - 1, g.firstStep(), g.name() + " is produced just before its update");
    }
    TrainingProgram deferred = compile("{\"0\": \"all\", \"t6\": \"all\"}", CompileMode.SPARSE);
    int firstUpdate = indexOf(deferred, s -> s instanceof Update);
    assertEquals(deferred.steps().size() - 4, firstUpdate, "all four updates at the end");
    assertTrue(
        deferred.steps().subList(firstUpdate, deferred.steps().size()).stream()
            .allMatch(s -> s instanceof Update));
    assertTrue(named(deferred, "dW:op5").lastStep() >= firstUpdate);
  }

  @Test
  void inputGradientOfAnUpdatedLayerPrecedesItsUpdate() {
    TrainingProgram p = compile("{\"0\": \"bias\", \"1\": \"all\"}", CompileMode.SPARSE_REORDERED);
    int inputGrad = indexOf(p, s -> s instanceof InputGradient g && g.op() == 1);
    int update = indexOf(p, s -> s instanceof Update u && u.op() == 1);
    assertTrue(inputGrad < update, "input gradient must read the weights before the update");
    InputGradient g = (InputGradient) p.steps().get(inputGrad);
    assertEquals(named(p, "W:op1").id(), g.weights());
    assertEquals(
        named(p, "W:op1").id(),
        p.steps(Forward.class).get(1).weightsCopy(),
        "forward reads the SRAM copy");
  }

  @Test
  void firstUpdatedLayerGetsNoInputGradient() {
    TrainingProgram p = compile("{\"1\": \"all\"}", CompileMode.SPARSE_REORDERED);
    List<InputGradient> grads = p.steps(InputGradient.class);
    assertEquals(
        List.of(5, 3),
        grads.stream().map(InputGradient::op).toList(),
        "only the add's depthwise branch needs a gradient, and it aliases the add's");
    assertTrue(
        p.tensors().stream().noneMatch(t -> t.name().equals("dX:t1") || t.name().equals("dX:t2")));
    assertEquals(named(p, "dX:t3").id(), p.steps(WeightGradient.class).get(0).gradOutput());
  }

  @Test
  void channelSubsetShrinksWeightGradientAndCopy() {
    TrainingProgram p = compile("{\"conv_w\": \"channels:[1,3]\"}", CompileMode.SPARSE_REORDERED);
    assertEquals(List.of(1, 3), p.steps(WeightGradient.class).get(0).channels());
    assertEquals(2 * 3 * 3 * 3 * 4, named(p, "dW:op0").bytes());
    assertEquals(4 * 3 * 3 * 3, named(p, "W:op0").bytes(), "the forward reads one whole copy");
    assertEquals(4 * 4, named(p, "b:op0").bytes(), "bias stays whole, int32");
    TrainingProgram dw = compile("{\"1\": \"channels:2\"}", CompileMode.SPARSE_REORDERED);
    assertEquals(
        org.tinysim.engine.ir.Shape.of(1, 3, 3, 2),
        named(dw, "dW:op1").shape(),
        "depthwise channels are the last axis");
    TrainStep.Update u = dw.steps(Update.class).get(0);
    assertEquals(0, u.channelBegin());
    assertEquals(2, u.channelEnd());
    assertTrue(u.contiguous());
    assertFalse(p.steps(WeightGradient.class).get(0).contiguous());
  }
}
