package org.tinysim.engine.training;

import java.util.List;
import java.util.Map;
import org.tinysim.engine.planner.MemoryPlan;
import org.tinysim.engine.prepare.PreparedGraph;

/**
 * One compiled training step (batch 1): the steps in execution order, every tensor with size and
 * lifetime, the arena plan of the lifetime-planned tensors (ids are the tensor names) and the
 * memory breakdown.
 *
 * @param updates resolved rule per forward op index, only for ops that update something
 */
public record TrainingProgram(
    PreparedGraph forward,
    TrainingSpec spec,
    CompileMode mode,
    Map<Integer, UpdateRule> updates,
    List<TrainTensor> tensors,
    List<TrainStep> steps,
    MemoryPlan arenaPlan,
    MemoryBreakdown memory) {

  /** Seed of the stochastic-rounding generator; the firmware and the oracle start from it. */
  public static final int RNG_SEED = 0x2545F491;

  public TrainingProgram {
    updates = Map.copyOf(updates);
    tensors = List.copyOf(tensors);
    steps = List.copyOf(steps);
  }

  /** The forward model (the IR graph the prepared forward was made from). */
  public org.tinysim.engine.ir.Graph graph() {
    return forward.graph();
  }

  public TrainTensor tensor(int id) {
    return tensors.get(id);
  }

  /** Arena offset of an arena tensor. */
  public long arenaOffset(int id) {
    TrainTensor t = tensors.get(id);
    if (!t.role().inArena()) {
      throw new IllegalArgumentException("tensor " + t.name() + " is static, not in the arena");
    }
    return arenaPlan.offsetOf(t.name());
  }

  public boolean fitsBudget() {
    return memory.peak() <= spec.sramBudget();
  }

  /**
   * Refuses a program over the spec's SRAM budget, naming the step (and layer) at the arena peak
   * and the bytes over.
   *
   * @throws TrainingDoesNotFitException when it does not fit
   */
  public void requireFitsBudget() {
    if (fitsBudget()) {
      return;
    }
    long over = memory.peak() - spec.sramBudget();
    throw new TrainingDoesNotFitException(
        "training graph ("
            + mode
            + ") needs "
            + memory.peak()
            + " B of SRAM, "
            + over
            + " B over the "
            + spec.sramBudget()
            + " B budget; peak at "
            + memory.peakStepLabel()
            + " (arena "
            + memory.arena()
            + " B + parameter copies "
            + memory.parameterCopies()
            + " B + optimizer state "
            + memory.optimizerState()
            + " B)",
        over);
  }

  /**
   * Multiply-accumulates of the backward pass: an input gradient costs its op's forward MACs, a
   * weight gradient the share of its updated channels. A cycle estimate for the chooser.
   */
  public long backwardMacs() {
    long macs = 0;
    for (TrainStep s : steps) {
      org.tinysim.engine.ir.Op op = forward.graph().ops().get(s.op());
      if (s instanceof TrainStep.InputGradient) {
        macs += op.macs();
      } else if (s instanceof TrainStep.WeightGradient w) {
        macs += op.macs() * w.channels().size() / LayerSelection.outputChannels(op);
      }
    }
    return macs;
  }

  /** Steps of one kind, in order. */
  public <T extends TrainStep> List<T> steps(Class<T> kind) {
    return steps.stream().filter(kind::isInstance).map(kind::cast).toList();
  }
}
