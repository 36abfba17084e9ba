package org.tinysim.engine.codegen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.patch.PatchStage;
import org.tinysim.engine.planner.BufferRequest;
import org.tinysim.engine.planner.LifetimeAnalysis;
import org.tinysim.engine.planner.MemoryPlan;
import org.tinysim.engine.planner.MemoryPlanner;
import org.tinysim.engine.planner.OpOccupancy;
import org.tinysim.engine.planner.Placement;
import org.tinysim.engine.planner.ScheduleStep;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.PreparedOp;

/** Turns a prepared graph into schedule steps and plans them into one static arena. */
public final class ArenaPlanner {

  private final KernelRegistry kernels;
  private final boolean fuse;

  public ArenaPlanner(KernelRegistry kernels) {
    this(kernels, true);
  }

  /**
   * @param fuse fold PADs into their convolutions ({@link PadFusion}), run one-channel depthwise
   *     convolutions as convolutions ({@link DepthwiseAsConv}) and run ops in place where that
   *     costs nothing ({@link KernelEmitter#inPlaceIsFree}); off keeps every op's output in its own
   *     bytes (training reads saved activations)
   */
  public ArenaPlanner(KernelRegistry kernels, boolean fuse) {
    this.kernels = kernels;
    this.fuse = fuse;
  }

  /** Which ops may run in place at the cost of speed (in-place depthwise's gather/scatter). */
  public enum InPlace {
    /** none (free in-place ops such as the float input's QUANTIZE still are, when fusing) */
    NONE,
    /** only ops that set the arena's peak, one after another while the arena shrinks */
    AT_PEAK,
    /** every op that has an in-place variant */
    ALL
  }

  /**
   * @param allowInPlace every op with an in-place variant asks for it; otherwise, when fusing, only
   *     those that lower the peak ({@link InPlace#AT_PEAK})
   */
  public ArenaPlan plan(PreparedGraph prepared, MemoryPlanner planner, boolean allowInPlace) {
    return plan(prepared, planner, allowInPlace, null);
  }

  /**
   * @param stage ops run patch by patch before the rest, or null: their steps hold per-patch
   *     buffers, the full-size stage output lives across the whole stage and the stage's full-size
   *     inputs until its last op (the loop reads them again for every patch)
   */
  public ArenaPlan plan(
      PreparedGraph prepared, MemoryPlanner planner, boolean allowInPlace, PatchStage stage) {
    return plan(
        prepared,
        planner,
        allowInPlace ? InPlace.ALL : fuse ? InPlace.AT_PEAK : InPlace.NONE,
        stage);
  }

  public ArenaPlan plan(
      PreparedGraph prepared, MemoryPlanner planner, InPlace inPlace, PatchStage stage) {
    Map<Integer, Long> none = Map.of();
    if (!fuse) {
      return plan(prepared, planner, inPlace == InPlace.ALL, none, stage, false, Set.of());
    }
    PreparedGraph fused = DepthwiseAsConv.apply(PadFusion.apply(prepared, stage), stage);
    boolean all = inPlace == InPlace.ALL;
    Set<Integer> allLean = new HashSet<>();
    for (int i = 0; i < fused.ops().size(); i++) {
      allLean.add(i);
    }
    if (inPlace != InPlace.AT_PEAK) {
      return dropOptionalAtPeak(fused, planner, all, none, stage, allLean);
    }
    // The in-place choices are made with the optional scratch given and again without it (which
    // can move the peak to another op); the smaller arena wins, the first on a tie.
    ArenaPlan withOptional =
        dropOptionalAtPeak(
            fused, planner, false, inPlaceAtPeak(fused, planner, stage, Set.of()), stage, allLean);
    ArenaPlan leanFirst =
        dropOptionalAtPeak(
            fused, planner, false, inPlaceAtPeak(fused, planner, stage, allLean), stage, allLean);
    return leanFirst.arenaBytes() < withOptional.arenaBytes() ? leanFirst : withOptional;
  }

  /**
   * Optional scratch (a faster route the kernel can do without) is dropped from the ops at the peak
   * while that makes the arena smaller, then from the largest holders until the arena is the one
   * with every op on its lean scratch ({@code allLean}): speed never costs arena bytes. Last, each
   * dropped op gets its optional scratch back where the arena stays the same: re-planned with it,
   * else moved into a hole ({@link #fillHoles}).
   */
  private ArenaPlan dropOptionalAtPeak(
      PreparedGraph fused,
      MemoryPlanner planner,
      boolean all,
      Map<Integer, Long> atPeak,
      PatchStage stage,
      Set<Integer> allLean) {
    long leanArena = smaller(fused, planner, all, atPeak, stage, allLean).arenaBytes();
    Set<Integer> lean = new HashSet<>();
    ArenaPlan best = smaller(fused, planner, all, atPeak, stage, lean);
    while (true) {
      Set<Integer> trialLean = new HashSet<>(lean);
      for (OpOccupancy row : best.plan().perOpReport()) {
        int op = row.op();
        if (row.liveTop() == best.arenaBytes()
            && op >= 0
            && best.scratchBytes(op)
                > align4(kernels.forOp(fused.op(op).op()).leanScratchBytes(fused.op(op)))) {
          trialLean.add(op);
        }
      }
      if (trialLean.equals(lean)) {
        break;
      }
      ArenaPlan trial = smaller(fused, planner, all, atPeak, stage, trialLean);
      if (trial.arenaBytes() >= best.arenaBytes()) {
        break;
      }
      lean = trialLean;
      best = trial;
    }
    // Scratch placed off the peak op can still grow the arena (the planner packs around it):
    // drop the largest optional parts left until the arena is the one without any.
    while (best.arenaBytes() > leanArena) {
      int largest = -1;
      long largestBytes = 0;
      for (int op = 0; op < fused.ops().size(); op++) {
        long optional =
            best.scratchBytes(op)
                - align4(kernels.forOp(fused.op(op).op()).leanScratchBytes(fused.op(op)));
        if (!lean.contains(op) && optional > largestBytes) {
          largest = op;
          largestBytes = optional;
        }
      }
      if (largest < 0) {
        break;
      }
      lean.add(largest);
      best = smaller(fused, planner, all, atPeak, stage, lean);
    }
    // Dropping by peak and by size can take more than needed: give each op its optional scratch
    // back, in op order, where the arena does not grow.
    for (int op : new TreeSet<>(lean)) {
      Set<Integer> trialLean = new HashSet<>(lean);
      trialLean.remove(op);
      ArenaPlan trial = smaller(fused, planner, all, atPeak, stage, trialLean);
      if (trial.arenaBytes() <= best.arenaBytes()) {
        lean = trialLean;
        best = trial;
      }
    }
    return stage == null ? fillHoles(fused, best, lean) : best;
  }

  /**
   * Re-planning places an op's whole scratch among the largest buffers, where it can push others
   * up; here each op still on its lean scratch gets its whole scratch where a hole of that size is
   * free while it runs, below the arena's end (the lowest such offset): the arena never grows, and
   * as every op's scratch lives only while its op runs, the moved ones cannot clash.
   */
  private ArenaPlan fillHoles(PreparedGraph fused, ArenaPlan best, Set<Integer> lean) {
    List<Placement> placements = new ArrayList<>(best.plan().placements());
    List<ScheduleStep> steps = new ArrayList<>(best.steps());
    long arena = best.arenaBytes();
    boolean moved = false;
    for (int op : new TreeSet<>(lean)) {
      ScheduleStep step = steps.get(op);
      if (step.outputInPlace()) {
        continue;
      }
      long whole = align4(kernels.forOp(fused.op(op).op()).scratchBytes(fused.op(op), false));
      if (whole <= step.scratchBytes()) {
        continue;
      }
      String id = step.scratchId();
      List<Placement> live =
          placements.stream().filter(p -> p.request().liveAt(op) && !p.id().equals(id)).toList();
      TreeSet<Long> candidates = new TreeSet<>(List.of(0L));
      live.forEach(p -> candidates.add(align4(p.end())));
      for (long offset : candidates) {
        Placement trial = new Placement(BufferRequest.of(id, whole, op, op), offset);
        if (trial.end() <= arena && live.stream().noneMatch(trial::overlapsInAddress)) {
          placements.removeIf(p -> p.id().equals(id));
          placements.add(trial);
          steps.set(op, step.withScratch(whole));
          moved = true;
          break;
        }
      }
    }
    if (!moved) {
      return best;
    }
    MemoryPlan old = best.plan();
    MemoryPlan plan =
        new MemoryPlan(old.planner(), placements, old.inPlaceApplied(), old.inPlaceRejected());
    plan.verifyNoOverlap();
    plan.verifyAligned();
    return new ArenaPlan(plan, best.bufferOfTensor(), steps, best.prepared());
  }

  /**
   * In-place choices of {@link InPlace#AT_PEAK}: op index to the scratch it runs with, planned with
   * the ops in {@code lean} on their lean scratch.
   */
  private Map<Integer, Long> inPlaceAtPeak(
      PreparedGraph fused, MemoryPlanner planner, PatchStage stage, Set<Integer> lean) {
    ArenaPlan best = smaller(fused, planner, false, Map.of(), stage, lean);
    // Peak ops one at a time; each takes the fastest scratch choice that reaches the smallest
    // arena of its choices, and stays only if that arena is below the current one.
    Map<Integer, Long> atPeak = new HashMap<>();
    while (true) {
      int peak = best.plan().liveAtPeak().op();
      PreparedOp pop = peak < 0 ? null : fused.op(peak);
      if (pop == null
          || atPeak.containsKey(peak)
          || !kernels.forOp(pop.op()).supportsInPlace(pop)) {
        return atPeak;
      }
      ArenaPlan bestTrial = null;
      long bestScratch = 0;
      for (long scratch : kernels.forOp(pop.op()).inPlaceScratchChoices(pop)) {
        Map<Integer, Long> trialOps = new HashMap<>(atPeak);
        trialOps.put(peak, scratch);
        ArenaPlan trial = smaller(fused, planner, false, trialOps, stage, lean);
        if (bestTrial == null || trial.arenaBytes() < bestTrial.arenaBytes()) {
          bestTrial = trial;
          bestScratch = scratch;
        }
      }
      if (bestTrial == null || bestTrial.arenaBytes() >= best.arenaBytes()) {
        return atPeak;
      }
      atPeak.put(peak, bestScratch);
      best = bestTrial;
    }
  }

  /**
   * Tying a free in-place output to its input's offset can, rarely, cost the greedy planner more
   * than it saves: the smaller arena of with and without.
   */
  private ArenaPlan smaller(
      PreparedGraph fused,
      MemoryPlanner planner,
      boolean all,
      Map<Integer, Long> costly,
      PatchStage stage,
      Set<Integer> lean) {
    ArenaPlan withFree = plan(fused, planner, all, costly, stage, true, lean);
    ArenaPlan without = plan(fused, planner, all, costly, stage, false, lean);
    return without.arenaBytes() < withFree.arenaBytes() ? without : withFree;
  }

  /**
   * @param all every op with an in-place variant asks for it
   * @param costly further ops that ask for it, each with the scratch bytes it gets
   * @param lean ops that run without their optional scratch
   */
  private ArenaPlan plan(
      PreparedGraph prepared,
      MemoryPlanner planner,
      boolean all,
      Map<Integer, Long> costly,
      PatchStage stage,
      boolean freeInPlace,
      Set<Integer> lean) {
    Graph graph = prepared.graph();
    Map<Integer, String> bufferOf = new HashMap<>();
    Map<String, Long> sizes = new HashMap<>();
    List<String> inputs = new ArrayList<>();
    for (Tensor t : graph.inputs()) {
      inputs.add(define(t, bufferOf, sizes));
    }
    List<ScheduleStep> steps = new ArrayList<>();
    for (PreparedOp pop : prepared.ops()) {
      steps.add(
          stage != null && pop.op().index() < stage.split()
              ? stageStep(pop, stage, lean.contains(pop.op().index()), bufferOf, sizes)
              : step(
                  pop,
                  all,
                  costly.get(pop.op().index()),
                  freeInPlace,
                  lean.contains(pop.op().index()),
                  bufferOf,
                  sizes));
    }
    Set<String> outputs = new LinkedHashSet<>();
    for (Tensor t : graph.outputs()) {
      outputs.add(bufferOfOrFail(t, bufferOf));
    }
    List<BufferRequest> requests =
        new LifetimeAnalysis(sizes, inputs, outputs, BufferRequest.DEFAULT_ALIGNMENT)
            .requests(steps);
    MemoryPlan plan = planner.plan(requests);
    plan.verifyNoOverlap();
    plan.verifyAligned();
    return new ArenaPlan(plan, bufferOf, steps, prepared);
  }

  private ScheduleStep step(
      PreparedOp pop,
      boolean allowInPlace,
      Long chosenScratch,
      boolean freeInPlace,
      boolean lean,
      Map<Integer, String> bufferOf,
      Map<String, Long> sizes) {
    Op op = pop.op();
    KernelEmitter emitter = kernels.forOp(op);
    List<String> reads = new ArrayList<>();
    for (Tensor t : op.inputs()) {
      if (!t.isConstant()) {
        reads.add(bufferOfOrFail(t, bufferOf));
      }
    }
    String name = "op" + op.index();
    if (emitter.aliasesInput(pop)) {
      bufferOf.put(op.output().id(), reads.get(0));
      return ScheduleStep.of(name, reads, List.of());
    }
    List<String> writes = new ArrayList<>();
    for (Tensor t : op.outputs()) {
      writes.add(define(t, bufferOf, sizes));
    }
    boolean inPlace =
        emitter.supportsInPlace(pop)
            && (allowInPlace || chosenScratch != null || freeInPlace && emitter.inPlaceIsFree(pop));
    long scratch =
        inPlace && chosenScratch != null
            ? chosenScratch
            : lean && !inPlace ? emitter.leanScratchBytes(pop) : emitter.scratchBytes(pop, inPlace);
    ScheduleStep step = new ScheduleStep(name, reads, writes, align4(scratch), false);
    return inPlace ? step.inPlace() : step;
  }

  private ScheduleStep stageStep(
      PreparedOp pop,
      PatchStage stage,
      boolean lean,
      Map<Integer, String> bufferOf,
      Map<String, Long> sizes) {
    Op op = pop.op();
    int i = op.index();
    Set<String> reads = new LinkedHashSet<>();
    List<String> writes = new ArrayList<>();
    for (Tensor t : op.inputs()) {
      if (t.isConstant()) {
        continue;
      }
      reads.add(stage.isInternal(t) ? PatchBuffers.patch(t) : bufferOfOrFail(t, bufferOf));
      String gather = PatchBuffers.gather(i, t);
      if (stage.needsGather(i, t) && !writes.contains(gather)) {
        writes.add(gather);
        sizes.put(gather, stage.gatherBytes(i, t));
      }
    }
    String patch = PatchBuffers.patch(op.output());
    writes.add(patch);
    sizes.put(patch, stage.patchBytes(op.output()));
    if (op.output().id() != stage.output().id()) {
      bufferOf.put(op.output().id(), patch);
    }
    if (i == 0) {
      // every iteration writes a tile into it: it must not share bytes with per-patch buffers
      writes.add(define(stage.output(), bufferOf, sizes));
    }
    if (i == stage.split() - 1) {
      // every iteration reads them again
      for (int j = 0; j < stage.split(); j++) {
        for (Tensor t : stage.prepared().graph().ops().get(j).inputs()) {
          if (!t.isConstant() && !stage.isInternal(t)) {
            reads.add(bufferOfOrFail(t, bufferOf));
          }
        }
      }
    }
    long patchScratch = kernels.forOp(op).patchScratchBytes(pop, stage.patchBytes(op.output()));
    long scratch =
        lean ? Math.min(patchScratch, kernels.forOp(op).leanScratchBytes(pop)) : patchScratch;
    return new ScheduleStep("op" + i, List.copyOf(reads), writes, align4(scratch), false);
  }

  private static String define(Tensor t, Map<Integer, String> bufferOf, Map<String, Long> sizes) {
    String id = "t" + t.id();
    bufferOf.put(t.id(), id);
    sizes.put(id, Math.max(1, t.sizeInBytes()));
    return id;
  }

  private static String bufferOfOrFail(Tensor t, Map<Integer, String> bufferOf) {
    String id = bufferOf.get(t.id());
    if (id == null) {
      throw new IllegalArgumentException(
          "tensor "
              + t.id()
              + " '"
              + t.name()
              + "' is read before any op writes it and is not a graph input");
    }
    return id;
  }

  private static long align4(long bytes) {
    return (bytes + 3) & ~3L;
  }
}
