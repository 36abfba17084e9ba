package org.tinysim.engine.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tinysim.engine.planner.BufferRequest;
import org.tinysim.engine.planner.GreedyPlanner;
import org.tinysim.engine.planner.MemoryPlan;
import org.tinysim.engine.planner.OpOccupancy;
import org.tinysim.engine.planner.Placement;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.training.TrainingCompiler.TensorDraft;

/**
 * Gives every tensor its lifetime (first write to last read, in step indices), plans the arena
 * tensors with the greedy planner and sums the memory breakdown. Parameter copies and momentum are
 * static: they live for the whole program, outside the arena.
 */
final class ProgramPlanner {

  private ProgramPlanner() {}

  static TrainingProgram plan(
      PreparedGraph forward,
      TrainingSpec spec,
      CompileMode mode,
      Map<Integer, UpdateRule> updates,
      List<TensorDraft> drafts,
      List<TrainStep> steps) {
    int n = drafts.size();
    int[] first = new int[n];
    int[] last = new int[n];
    java.util.Arrays.fill(first, -1);
    java.util.Arrays.fill(last, -1);
    for (int s = 0; s < steps.size(); s++) {
      for (int id : steps.get(s).writes()) {
        if (first[id] < 0) {
          first[id] = s;
        }
        last[id] = Math.max(last[id], s);
      }
      for (int id : steps.get(s).reads()) {
        last[id] = s;
      }
    }
    int end = steps.size() - 1;
    List<TrainTensor> tensors = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int id = 0; id < n; id++) {
      TensorDraft d = drafts.get(id);
      String name = names.add(d.name()) ? d.name() : d.name() + "~" + id;
      names.add(name);
      boolean wholeProgram = !d.role().inArena();
      int from = wholeProgram || d.role() == TensorRole.INPUT ? 0 : first[id];
      int to = wholeProgram ? end : Math.max(last[id], from);
      if (from < 0) {
        throw new IllegalStateException("tensor " + name + " is read but never written");
      }
      tensors.add(
          new TrainTensor(
              id, name, d.role(), d.type(), d.shape(), d.bytes(), d.irTensor(), d.op(), from, to));
    }

    List<BufferRequest> requests = new ArrayList<>();
    for (TrainTensor t : tensors) {
      if (t.role().inArena() && t.bytes() > 0) {
        requests.add(BufferRequest.of(t.name(), t.bytes(), t.firstStep(), t.lastStep()));
      }
    }
    MemoryPlan plan = new GreedyPlanner().plan(requests);
    plan.verifyNoOverlap();
    MemoryBreakdown memory = breakdown(forward, tensors, steps, plan);
    return new TrainingProgram(forward, spec, mode, updates, tensors, steps, plan, memory);
  }

  private static MemoryBreakdown breakdown(
      PreparedGraph forward, List<TrainTensor> tensors, List<TrainStep> steps, MemoryPlan plan) {
    Map<String, TrainTensor> byName = new HashMap<>();
    tensors.forEach(t -> byName.put(t.name(), t));
    // The step with the most live bytes; the arena top may first be touched earlier by a small
    // buffer the planner stacked high, which would name the wrong layer.
    OpOccupancy peak =
        plan.perOpReport().stream()
            .max(
                java.util.Comparator.comparingLong(OpOccupancy::bytesInUse)
                    .thenComparing(o -> -o.op()))
            .orElse(plan.liveAtPeak());
    long activations = 0;
    long gradients = 0;
    for (Placement p : peak.live()) {
      TrainTensor t = byName.get(p.id());
      if (t.role().isGradient()) {
        gradients += t.bytes();
      } else {
        activations += t.bytes();
      }
    }
    long gradientTotal = 0;
    long weights = 0;
    long biases = 0;
    long momentum = 0;
    for (TrainTensor t : tensors) {
      switch (t.role()) {
        case ACTIVATION_GRADIENT, WEIGHT_GRADIENT, BIAS_GRADIENT -> gradientTotal += t.bytes();
        case WEIGHT_COPY, WEIGHT_MASTER -> weights += t.bytes();
        case BIAS_COPY, BIAS_MASTER -> biases += t.bytes();
        case MOMENTUM -> momentum += t.bytes();
        default -> {}
      }
    }
    int peakStep = Math.max(0, peak.op());
    String label = StepText.describe(forward.graph(), steps.get(peakStep), peakStep);
    return new MemoryBreakdown(
        plan.arenaSize(),
        activations,
        gradients,
        gradientTotal,
        weights,
        biases,
        momentum,
        peakStep,
        label);
  }
}
