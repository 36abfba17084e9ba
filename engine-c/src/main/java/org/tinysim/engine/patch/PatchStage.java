package org.tinysim.engine.patch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.prepare.PreparedGraph;

/**
 * Receptive-field analysis of a patch stage: for each of the {@code grid x grid} tiles of the stage
 * output, the exact rows and columns every stage tensor must hold and every stage op must compute,
 * found backwards from the tile (halo included; regions are clipped to each tensor, so padding
 * appears only at the image border, where the whole image has it).
 *
 * <p>Patches are numbered row-major. Tensors made inside the stage are "internal": each patch holds
 * only its region of them. Graph inputs read by the stage and the stage output are full-size.
 */
public final class PatchStage {

  private final PatchConfig config;
  private final PreparedGraph prepared;
  private final Tensor output;
  private final List<Window> windows = new ArrayList<>();

  /** [patch] -> region each internal tensor holds, by tensor id. */
  private final List<Map<Integer, Region>> held = new ArrayList<>();

  /** [op][patch]. */
  private final List<List<OpPatch>> geometry = new ArrayList<>();

  private final List<Region> tiles = new ArrayList<>();
  private final Set<Integer> internal = new LinkedHashSet<>();

  private PatchStage(PatchConfig config, PreparedGraph prepared, Tensor output) {
    this.config = config;
    this.prepared = prepared;
    this.output = output;
  }

  /** Analyses {@code config} on {@code prepared}, or explains why it cannot run. */
  public static PatchStage of(PreparedGraph prepared, PatchConfig config) {
    Graph graph = prepared.graph();
    int split = config.split();
    if (split > graph.ops().size()) {
      throw new PatchNotApplicableException(
          "patch split " + split + " is past the last op (" + graph.ops().size() + " ops)");
    }
    Tensor output = stageOutput(graph, split);
    PatchStage stage = new PatchStage(config, prepared, output);
    for (int i = 0; i < split; i++) {
      stage.windows.add(Window.of(prepared.op(i)));
      stage.internal.add(graph.ops().get(i).output().id());
    }
    stage.cutTiles();
    for (int p = 0; p < config.patches(); p++) {
      stage.trace(p);
    }
    return stage;
  }

  /** The one tensor made by ops [0, split) and read after them (or a graph output). */
  private static Tensor stageOutput(Graph graph, int split) {
    Set<Integer> made = new HashSet<>();
    for (int i = 0; i < split; i++) {
      made.add(graph.ops().get(i).output().id());
    }
    Set<Integer> graphInputs = new HashSet<>();
    graph.inputs().forEach(t -> graphInputs.add(t.id()));
    for (int i = 0; i < split; i++) {
      Op op = graph.ops().get(i);
      if (op.outputs().size() != 1) {
        throw new PatchNotApplicableException(
            "op " + i + " (" + op.opName() + ") has several outputs");
      }
      for (Tensor t : op.inputs()) {
        if (!t.isConstant() && !made.contains(t.id()) && !graphInputs.contains(t.id())) {
          throw new PatchNotApplicableException(
              "op "
                  + i
                  + " reads tensor '"
                  + t.name()
                  + "' that is neither a graph input nor made in the stage");
        }
      }
    }
    Set<Tensor> crossing = new LinkedHashSet<>();
    for (int i = split; i < graph.ops().size(); i++) {
      for (Tensor t : graph.ops().get(i).inputs()) {
        if (made.contains(t.id())) {
          crossing.add(t);
        }
      }
    }
    for (Tensor t : graph.outputs()) {
      if (made.contains(t.id())) {
        crossing.add(t);
      }
    }
    if (crossing.size() != 1) {
      throw new PatchNotApplicableException(
          "patch split "
              + split
              + ": "
              + crossing.size()
              + " tensors cross from the stage to the rest ("
              + crossing.stream().map(Tensor::name).toList()
              + "); a stage must hand over exactly one");
    }
    return crossing.iterator().next();
  }

  private void cutTiles() {
    int h = output.shape().dim(1);
    int w = output.shape().dim(2);
    int n = config.grid();
    if (n > h || n > w) {
      throw new PatchNotApplicableException(
          "patch grid "
              + n
              + "x"
              + n
              + " is finer than the "
              + "stage output '"
              + output.name()
              + "' "
              + output.shape());
    }
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        tiles.add(new Region(r * h / n, (r + 1) * h / n, c * w / n, (c + 1) * w / n));
      }
    }
  }

  /** Walks the stage backwards from patch {@code p}'s tile. */
  private void trace(int p) {
    Map<Integer, Region> need = new HashMap<>();
    need.put(output.id(), tiles.get(p));
    OpPatch[] ops = new OpPatch[config.split()];
    for (int i = config.split() - 1; i >= 0; i--) {
      Op op = prepared.graph().ops().get(i);
      Region out = need.get(op.output().id());
      if (out == null) {
        throw new PatchNotApplicableException(
            "op " + i + " (" + op.opName() + ")'s output is never read");
      }
      Tensor in = op.inputs().get(0);
      Region reads = windows.get(i).reads(out);
      Region clipped = reads.clip(in.shape().dim(1), in.shape().dim(2));
      if (clipped.isEmpty()) {
        throw new PatchNotApplicableException(
            "op "
                + i
                + " ("
                + op.opName()
                + "), patch "
                + p
                + ": output "
                + out
                + " reads only padding");
      }
      ops[i] =
          new OpPatch(out, clipped, clipped.top() - reads.top(), clipped.left() - reads.left());
      for (Tensor t : op.inputs()) {
        if (!t.isConstant()) {
          need.merge(t.id(), clipped, Region::union);
        }
      }
    }
    for (int i = 0; i < ops.length; i++) {
      if (geometry.size() <= i) {
        geometry.add(new ArrayList<>());
      }
      geometry.get(i).add(ops[i]);
    }
    Map<Integer, Region> regions = new HashMap<>();
    internal.forEach(id -> regions.put(id, need.get(id)));
    held.add(regions);
  }

  public PatchConfig config() {
    return config;
  }

  public PreparedGraph prepared() {
    return prepared;
  }

  public int split() {
    return config.split();
  }

  public int patches() {
    return config.patches();
  }

  /** The full-size tensor the stage writes tile by tile. */
  public Tensor output() {
    return output;
  }

  public Region tile(int patch) {
    return tiles.get(patch);
  }

  public Window window(int op) {
    return windows.get(op);
  }

  public OpPatch geometry(int op, int patch) {
    return geometry.get(op).get(patch);
  }

  /** Whether {@code t} is made inside the stage (held per patch, not full-size). */
  public boolean isInternal(Tensor t) {
    return internal.contains(t.id());
  }

  /** Region of {@code t} that patch {@code patch} holds: the whole tensor unless internal. */
  public Region held(int patch, Tensor t) {
    return isInternal(t)
        ? held.get(patch).get(t.id())
        : Region.whole(t.shape().dim(1), t.shape().dim(2));
  }

  /** Bytes of the per-patch buffer of an internal tensor: its largest region over patches. */
  public long patchBytes(Tensor t) {
    long max = 0;
    for (int p = 0; p < patches(); p++) {
      max = Math.max(max, held(p, t).pixels());
    }
    return max * pixelBytes(t);
  }

  /**
   * Whether op {@code op} must copy its region of {@code input} out of a larger buffer (a full-size
   * graph input, or a tensor also read with a wider halo by another op).
   */
  public boolean needsGather(int op, Tensor input) {
    for (int p = 0; p < patches(); p++) {
      if (!held(p, input).equals(geometry(op, p).in())) {
        return true;
      }
    }
    return false;
  }

  /** Bytes of op {@code op}'s gathered copy of {@code input}. */
  public long gatherBytes(int op, Tensor input) {
    long max = 0;
    for (int p = 0; p < patches(); p++) {
      max = Math.max(max, geometry(op, p).in().pixels());
    }
    return max * pixelBytes(input);
  }

  /** Whether op {@code op}'s output is the stage output (copied into place after each patch). */
  public boolean writesOutput(int op) {
    return prepared.graph().ops().get(op).output().id() == output.id();
  }

  /** Bytes of one pixel (all channels) of an NHWC tensor. */
  public static long pixelBytes(Tensor t) {
    return t.type().bytesFor(t.shape().dim(3));
  }

  /** MACs of the stage run patch by patch (halo rows and columns are computed again). */
  public long patchedMacs() {
    long total = 0;
    for (int i = 0; i < split(); i++) {
      Op op = prepared.graph().ops().get(i);
      long pixels = (long) op.output().shape().dim(1) * op.output().shape().dim(2);
      for (int p = 0; p < patches(); p++) {
        total += op.macs() / pixels * geometry(i, p).out().pixels();
      }
    }
    return total;
  }

  /** MACs of the stage's ops run whole. */
  public long plainMacs() {
    long total = 0;
    for (int i = 0; i < split(); i++) {
      total += prepared.graph().ops().get(i).macs();
    }
    return total;
  }
}
