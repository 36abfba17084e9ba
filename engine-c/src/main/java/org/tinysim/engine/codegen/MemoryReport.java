package org.tinysim.engine.codegen;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.planner.OpOccupancy;
import org.tinysim.engine.planner.Placement;

/** Plain-text report: buffers with offsets, live buffers per op, occupancy and a timeline. */
final class MemoryReport {

  private MemoryReport() {}

  static String render(
      String model, Graph graph, ArenaPlan arena, ArenaSizes sizes, CodegenOptions options) {
    Map<String, String> labels = labels(graph, arena);
    StringBuilder b = new StringBuilder();
    b.append("memory plan of ")
        .append(model)
        .append(": planner ")
        .append(arena.plan().planner())
        .append(", in-place ")
        .append(options.inPlace() ? "on" : options.fuse() ? "at the peak" : "off")
        .append(options.patch() == null ? "" : ", patch stage " + options.patch())
        .append('\n');
    b.append("arena ").append(arena.arenaBytes()).append(" B (").append(sizes).append(")\n");
    for (var pop : arena.prepared().ops()) {
      if (pop.params() instanceof org.tinysim.engine.prepare.OpParams.FusedPad f) {
        b.append("fused: op")
            .append(pop.op().index())
            .append(" PAD into op")
            .append(f.consumer())
            .append(" (padded copy not materialised)\n");
      }
    }
    arena
        .plan()
        .inPlaceApplied()
        .forEach(
            (out, in) ->
                b.append("in place: ").append(out).append(" over ").append(in).append('\n'));
    arena
        .plan()
        .inPlaceRejected()
        .forEach(
            (out, why) ->
                b.append("in place refused for ")
                    .append(out)
                    .append(": ")
                    .append(why)
                    .append('\n'));
    b.append("\nbuffers:\n");
    for (Placement p : arena.plan().placements()) {
      b.append(
          String.format(
              "  %-12s %8d B  at %8d  ops %d..%d  %s%n",
              p.id(),
              p.size(),
              p.offset(),
              p.request().firstUse(),
              p.request().lastUse(),
              labels.getOrDefault(p.id(), "")));
    }
    b.append("\nper op (live buffers [start,end)):\n");
    for (OpOccupancy row : arena.plan().perOpReport()) {
      String live =
          row.live().stream()
              .map(p -> p.id() + "[" + p.offset() + "," + p.end() + ")")
              .collect(Collectors.joining(" "));
      String kind = row.op() < graph.ops().size() ? graph.ops().get(row.op()).opName() : "";
      b.append(
          String.format(
              "  op%-3d %-18s in use %8d B, top %8d B: %s%n",
              row.op(), kind, row.bytesInUse(), row.liveTop(), live));
    }
    b.append('\n').append(arena.plan().renderTimeline());
    return b.toString();
  }

  private static Map<String, String> labels(Graph graph, ArenaPlan arena) {
    Map<String, String> labels = new HashMap<>();
    for (Tensor t : graph.tensors()) {
      String id = arena.bufferOfTensor().get(t.id());
      if (id != null) {
        labels.merge(id, "'" + t.name() + "' " + t.shape(), (a, c) -> a + " = " + c);
      }
    }
    List.copyOf(arena.steps()).forEach(s -> labels.put(s.scratchId(), "scratch of " + s.name()));
    return labels;
  }
}
