package org.tinysim.engine.codegen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.patch.OpPatch;
import org.tinysim.engine.patch.PatchStage;
import org.tinysim.engine.patch.Region;
import org.tinysim.engine.patch.Window;
import org.tinysim.engine.prepare.PreparedOp;

/**
 * C of a patch stage (patch_stage.c.tpl): each stage op emitted once in its patch form, a geometry
 * row per patch, row-copy tables that gather an op's input region out of a larger buffer and
 * scatter the stage output's tile into the full-size tensor, and the patch loop.
 */
final class PatchStageEmitter {

  private final KernelRegistry kernels;

  PatchStageEmitter(KernelRegistry kernels) {
    this.kernels = kernels;
  }

  String emit(PatchStage stage, ArenaPlan arena, WeightTable weights) {
    List<Map<String, Object>> ops = new ArrayList<>();
    for (int i = 0; i < stage.split(); i++) {
      ops.add(opScope(stage, stage.prepared().op(i), arena, weights));
    }
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("lastOp", stage.split() - 1);
    scope.put("output", CSyntax.comment(stage.output().name()));
    scope.put("grid", stage.config().grid());
    scope.put("patches", stage.patches());
    scope.put("stageOps", ops);
    return Template.resource("patch_stage.c.tpl").render(scope);
  }

  private Map<String, Object> opScope(
      PatchStage stage, PreparedOp pop, ArenaPlan arena, WeightTable weights) {
    Op op = pop.op();
    int i = op.index();
    String fn = "op" + i;
    Map<Integer, String> buffers = new HashMap<>();
    List<Map<String, Object>> gathers = new ArrayList<>();
    for (Tensor t : op.inputs()) {
      if (t.isConstant() || buffers.containsKey(t.id())) {
        continue;
      }
      String source = stage.isInternal(t) ? PatchBuffers.patch(t) : arena.bufferOf(t);
      if (stage.needsGather(i, t)) {
        String gather = PatchBuffers.gather(i, t);
        buffers.put(t.id(), gather);
        gathers.add(
            copy(
                fn + "_gather" + t.id(),
                pointer(arena, gather),
                pointer(arena, source),
                gatherRows(stage, i, t)));
      } else {
        buffers.put(t.id(), source);
      }
    }
    buffers.put(op.output().id(), PatchBuffers.patch(op.output()));
    List<Map<String, Object>> scatters = new ArrayList<>();
    if (stage.writesOutput(i)) {
      scatters.add(
          copy(
              fn + "_scatter",
              pointer(arena, arena.bufferOf(stage.output())),
              pointer(arena, PatchBuffers.patch(op.output())),
              scatterRows(stage)));
    }
    List<Map<String, Object>> copies = new ArrayList<>(gathers);
    copies.addAll(scatters);

    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", i);
    m.put("number", i + 1);
    m.put("fn", fn);
    m.put("opName", op.opName());
    m.put(
        "shapes",
        CSyntax.comment(
            op.inputs().stream()
                    .filter(t -> !t.isConstant())
                    .map(t -> t.shape().toString())
                    .collect(Collectors.joining(", "))
                + " -> "
                + op.output().shape()));
    m.put("source", kernels.forOp(op).emitPatched(pop, new EmitScope(arena, weights, i, buffers)));
    m.put("geometry", geometryRows(stage, i));
    m.put("gathers", gathers);
    m.put("scatters", scatters);
    m.put("copies", copies);
    return m;
  }

  private static String pointer(ArenaPlan arena, String buffer) {
    return "(tinysim_arena + " + arena.plan().offsetOf(buffer) + ")";
  }

  private static Map<String, Object> copy(String table, String dst, String src, String rows) {
    return Map.of("table", table, "dst", dst, "src", src, "rows", rows);
  }

  private static String geometryRows(PatchStage stage, int op) {
    Window w = stage.window(op);
    List<String> rows = new ArrayList<>();
    for (int p = 0; p < stage.patches(); p++) {
      OpPatch g = stage.geometry(op, p);
      rows.add(
          row(
              g.in().height(),
              g.in().width(),
              g.padTop(),
              g.padLeft(),
              g.out().height(),
              g.out().width(),
              g.padBottom(w),
              g.padRight(w)));
    }
    return String.join(",\n", rows);
  }

  /** Op {@code op}'s input region, out of the buffer that holds {@code input}. */
  private static String gatherRows(PatchStage stage, int op, Tensor input) {
    long pixel = PatchStage.pixelBytes(input);
    List<String> rows = new ArrayList<>();
    for (int p = 0; p < stage.patches(); p++) {
      Region from = stage.held(p, input);
      Region need = stage.geometry(op, p).in();
      rows.add(
          row(
              offset(from, need.top(), need.left(), pixel),
              0,
              need.height(),
              need.width() * pixel,
              from.width() * pixel,
              need.width() * pixel));
    }
    return String.join(",\n", rows);
  }

  /** The tile of the stage output, out of its patch buffer into the full-size tensor. */
  private static String scatterRows(PatchStage stage) {
    Tensor out = stage.output();
    long pixel = PatchStage.pixelBytes(out);
    Region whole = Region.whole(out.shape().dim(1), out.shape().dim(2));
    List<String> rows = new ArrayList<>();
    for (int p = 0; p < stage.patches(); p++) {
      Region from = stage.held(p, out);
      Region tile = stage.tile(p);
      rows.add(
          row(
              offset(from, tile.top(), tile.left(), pixel),
              offset(whole, tile.top(), tile.left(), pixel),
              tile.height(),
              tile.width() * pixel,
              from.width() * pixel,
              whole.width() * pixel));
    }
    return String.join(",\n", rows);
  }

  /** Byte offset of pixel (row, col) inside a buffer holding {@code held}. */
  private static long offset(Region held, int row, int col, long pixel) {
    return ((long) (row - held.top()) * held.width() + (col - held.left())) * pixel;
  }

  private static String row(long... values) {
    StringBuilder b = new StringBuilder("    { ");
    for (int k = 0; k < values.length; k++) {
      b.append(k == 0 ? "" : ", ").append(values[k]);
    }
    return b.append(" }").toString();
  }
}
