package org.tinysim.engine.training;

import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;

/** Readable one-line description of a training step, naming its layer. */
final class StepText {

  private StepText() {}

  static String describe(Graph graph, TrainStep step, int index) {
    Op op = graph.ops().get(step.op());
    String layer = "op " + op.index() + " " + op.opName() + " '" + op.output().name() + "'";
    String what;
    if (step instanceof TrainStep.Forward) {
      what = "forward";
    } else if (step instanceof TrainStep.LossGradient) {
      what = "loss gradient at";
    } else if (step instanceof TrainStep.ActivationMask m) {
      what = m.activation() + " mask of";
    } else if (step instanceof TrainStep.InputGradient g) {
      what = "input " + g.inputSlot() + " gradient of";
    } else if (step instanceof TrainStep.WeightGradient w) {
      what = "weight gradient (" + w.channels().size() + " channels) of";
    } else if (step instanceof TrainStep.BiasGradient) {
      what = "bias gradient of";
    } else {
      TrainStep.Update u = (TrainStep.Update) step;
      what = (u.param() == TrainStep.Param.WEIGHTS ? "weight" : "bias") + " update of";
    }
    return "step " + index + ": " + what + " " + layer;
  }
}
