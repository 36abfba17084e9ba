package org.tinysim.harness.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.engine.codegen.ArenaPlan;
import org.tinysim.engine.codegen.ArenaSizes;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.planner.MemoryPlan;
import org.tinysim.engine.planner.OpOccupancy;
import org.tinysim.engine.planner.Placement;
import org.tinysim.engine.planner.ScheduleStep;
import org.tinysim.harness.inference.CompiledModel;
import org.tinysim.harness.inference.InferenceResult;
import org.tinysim.harness.report.MemoryTimeline.LiveBuffer;
import org.tinysim.harness.report.MemoryTimeline.OpColumn;

/**
 * Fills a {@link ReportData} from a compiled model and one inference on the board. Lifetimes,
 * offsets and per-op occupancy come from the generator's own plan ({@link MemoryPlan#perOpReport}),
 * so the figure shows exactly what the firmware does.
 */
public final class ReportBuilder {

  private ReportBuilder() {}

  /**
   * @param graph the graph the model was compiled from (its ops are the layers)
   */
  public static ReportData fromRun(Graph graph, CompiledModel compiled, InferenceResult run) {
    return fromRun(graph, compiled, run, StaticSram.sections(ElfImage.load(compiled.elf())));
  }

  /**
   * @param staticSections static SRAM per ELF section (arena included)
   */
  public static ReportData fromRun(
      Graph graph, CompiledModel compiled, InferenceResult run, Map<String, Long> staticSections) {
    List<Op> ops = graph.ops();
    long[] cycles = run.layerCycles();
    if (cycles.length != ops.size()) {
      throw new IllegalArgumentException(
          "the run measured "
              + cycles.length
              + " layers but "
              + compiled.name()
              + " has "
              + ops.size()
              + " ops: result from another model?");
    }
    ArenaPlan arena = compiled.code().arena();
    long staticBytes = staticSections.values().stream().mapToLong(Long::longValue).sum();
    ModelSummary summary =
        new ModelSummary(
            compiled.name(),
            compiled.kernelPath().name(),
            arena.plan().planner(),
            compiled.macs(),
            run.cycles(),
            run.peakSramBytes(),
            compiled.arenaBytes(),
            staticBytes,
            run.flashBytes(),
            compiled.weightBytes());
    List<LayerRow> layers = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      layers.add(
          new LayerRow(
              i,
              op.opName(),
              op.output().shape().toString(),
              op.macs(),
              cycles[i],
              slots(op.outputs(), arena),
              slots(activations(op.inputs()), arena),
              arena.inPlace(i)));
    }
    MemoryTimeline timeline = timeline(graph, arena);
    ArenaSizes sizes = compiled.arenaSizes();
    Map<String, Long> byPlan = new LinkedHashMap<>();
    byPlan.put("linear (no reuse)", sizes.linear());
    byPlan.put("greedy", sizes.greedy());
    byPlan.put("greedy + in-place depthwise", sizes.greedyInPlace());
    return new ReportData(
        summary,
        layers,
        new MemoryTimeline(timeline.arenaBytes(), timeline.peakOp(), timeline.columns(), byPlan),
        Optional.empty());
  }

  static MemoryTimeline timeline(Graph graph, ArenaPlan arena) {
    Map<String, String> labels = bufferLabels(graph, arena);
    MemoryPlan plan = arena.plan();
    List<OpColumn> columns = new ArrayList<>();
    for (OpOccupancy row : plan.perOpReport()) {
      List<LiveBuffer> live = new ArrayList<>();
      for (Placement p : row.live()) {
        String label = labels.get(p.id());
        live.add(
            new LiveBuffer(
                p.id(),
                label == null ? "" : label,
                p.offset(),
                p.size(),
                p.request().firstUse(),
                p.request().lastUse(),
                isScratch(p.id(), arena)));
      }
      columns.add(new OpColumn(row.op(), live, row.bytesInUse()));
    }
    return new MemoryTimeline(plan.arenaSize(), plan.liveAtPeak().op(), columns);
  }

  /** Buffer id -> "name 1x8x8x4" for tensors, "scratch of op 3 CONV_2D" for kernel scratch. */
  private static Map<String, String> bufferLabels(Graph graph, ArenaPlan arena) {
    Map<String, String> labels = new HashMap<>();
    // Aliasing ops map several tensors to one buffer: name it after the tensor written first.
    for (Op op : graph.ops()) {
      for (Tensor t : op.inputs()) {
        putLabel(labels, arena, t);
      }
      for (Tensor t : op.outputs()) {
        putLabel(labels, arena, t);
      }
    }
    List<ScheduleStep> steps = arena.steps();
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).scratchBytes() > 0) {
        labels.put(
            steps.get(i).scratchId(), "scratch of op " + i + " " + graph.ops().get(i).opName());
      }
    }
    return labels;
  }

  private static void putLabel(Map<String, String> labels, ArenaPlan arena, Tensor t) {
    String id = arena.bufferOfTensor().get(t.id());
    if (id != null) {
      labels.putIfAbsent(id, t.name() + " " + t.shape());
    }
  }

  private static boolean isScratch(String bufferId, ArenaPlan arena) {
    return arena.steps().stream()
        .anyMatch(s -> s.scratchBytes() > 0 && s.scratchId().equals(bufferId));
  }

  private static List<Tensor> activations(List<Tensor> tensors) {
    return tensors.stream().filter(t -> !t.isConstant()).toList();
  }

  private static List<ArenaSlot> slots(List<Tensor> tensors, ArenaPlan arena) {
    List<ArenaSlot> slots = new ArrayList<>();
    for (Tensor t : tensors) {
      String id = arena.bufferOfTensor().get(t.id());
      if (id != null) {
        Placement p = arena.plan().placement(id);
        slots.add(new ArenaSlot(t.name(), p.offset(), p.size()));
      }
    }
    return slots;
  }
}
