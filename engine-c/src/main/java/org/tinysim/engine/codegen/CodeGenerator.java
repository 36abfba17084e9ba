package org.tinysim.engine.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.patch.PatchStage;
import org.tinysim.engine.planner.GreedyPlanner;
import org.tinysim.engine.planner.LinearPlanner;
import org.tinysim.engine.planner.MemoryPlanner;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.PreparedOp;
import org.tinysim.engine.tflite.UnsupportedOperatorException;

/**
 * Compiles a prepared int8 graph to model-specific C: one static function per op calling a tsn_
 * kernel with const parameter structs, activations at fixed offsets in one arena, weights in flash,
 * and a host-ABI main loop. All text comes from templates under this package's resources.
 */
public final class CodeGenerator {

  private final KernelRegistry kernels;

  public CodeGenerator() {
    this(KernelRegistry.standard());
  }

  public CodeGenerator(KernelRegistry kernels) {
    this.kernels = kernels;
  }

  public GeneratedModel generate(PreparedGraph prepared, CodegenOptions options) {
    Graph graph = prepared.graph();
    checkSupported(graph);
    checkInterface(graph);
    PatchStage stage = options.patch() == null ? null : PatchStage.of(prepared, options.patch());
    ArenaPlanner arenaPlanner = new ArenaPlanner(kernels, options.fuse());
    ArenaSizes sizes =
        new ArenaSizes(
            arenaPlanner
                .plan(prepared, new LinearPlanner(), ArenaPlanner.InPlace.NONE, stage)
                .arenaBytes(),
            arenaPlanner
                .plan(prepared, new GreedyPlanner(), ArenaPlanner.InPlace.NONE, stage)
                .arenaBytes(),
            arenaPlanner
                .plan(prepared, new GreedyPlanner(), ArenaPlanner.InPlace.ALL, stage)
                .arenaBytes());
    MemoryPlanner planner =
        options.planner().equals("linear") ? new LinearPlanner() : new GreedyPlanner();
    ArenaPlan arena = arenaPlanner.plan(prepared, planner, options.inPlace(), stage);

    WeightTable weights = new WeightTable(options.weightsWritable());
    List<Map<String, Object>> patchStage =
        stage == null
            ? List.of()
            : List.of(Map.of("source", new PatchStageEmitter(kernels).emit(stage, arena, weights)));
    List<Map<String, Object>> ops = new ArrayList<>();
    for (PreparedOp pop : arena.prepared().ops()) {
      if (stage == null || pop.op().index() >= stage.split()) {
        ops.add(opScope(pop, new EmitScope(arena, weights, pop.op().index())));
      }
    }
    List<IoBuffer> inputs = io(graph.inputs(), "tinysim_input", arena);
    List<IoBuffer> outputs = io(graph.outputs(), "tinysim_output", arena);

    Map<String, Object> scope = new LinkedHashMap<>();
    String name = modelName(graph);
    scope.put("model", CSyntax.comment(name));
    scope.put("opCount", prepared.ops().size());
    scope.put("macs", graph.totalMacs());
    scope.put("arenaBytes", arena.arenaBytes());
    scope.put("planner", arena.plan().planner());
    scope.put("patchStage", patchStage);
    scope.put("ops", ops);
    scope.put("buffers", bufferScopes(inputs, outputs));
    scope.put("weights", weightScopes(weights));
    scope.put("weightBytes", weights.bytes());

    Map<String, String> files = new LinkedHashMap<>();
    for (String file :
        List.of("model.h", "model.c", "model_weights.h", "model_weights.c", "main.c")) {
      files.put(file, Template.resource(file + ".tpl").render(scope));
    }
    List<String> opNames = graph.ops().stream().map(Op::opName).toList();
    return new GeneratedModel(
        name,
        files,
        arena,
        sizes,
        inputs,
        outputs,
        opNames,
        graph.totalMacs(),
        weights.bytes(),
        MemoryReport.render(name, graph, arena, sizes, options));
  }

  /**
   * Fails when an op of {@code graph} has no C emitter, naming each such op's index and kind;
   * callers run it before any other work.
   */
  public void checkSupported(Graph graph) {
    kernels.requireSupported(graph);
  }

  /**
   * The source file's base name when the graph came from a .tflite (subgraph names such as "main"
   * say little), else the graph's name.
   */
  static String modelName(Graph graph) {
    String source = graph.source() == null ? "" : graph.source();
    if (source.endsWith(".tflite")) {
      return source.substring(source.lastIndexOf('/') + 1, source.length() - ".tflite".length());
    }
    return graph.name().isBlank() ? "model" : graph.name();
  }

  private Map<String, Object> opScope(PreparedOp pop, EmitScope scope) {
    Op op = pop.op();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", op.index());
    m.put("number", op.index() + 1);
    m.put("fn", scope.fn());
    m.put("opName", op.opName());
    m.put(
        "shapes",
        CSyntax.comment(
            op.inputs().stream()
                    .filter(t -> !t.isConstant())
                    .map(t -> t.shape().toString())
                    .collect(Collectors.joining(", "))
                + " -> "
                + op.output().shape()
                + (scope.inPlace() ? " (in place)" : "")));
    m.put("source", kernels.forOp(op).emit(pop, scope));
    return m;
  }

  private static void checkInterface(Graph graph) {
    if (graph.ops().isEmpty()) {
      throw new IllegalArgumentException("graph " + graph.name() + " has no operators");
    }
    List<Tensor> io = new ArrayList<>(graph.inputs());
    io.addAll(graph.outputs());
    for (Tensor t : io) {
      if (t.type() != DataType.INT8 && t.type() != DataType.FLOAT32) {
        throw new UnsupportedOperatorException(
            "graph "
                + graph.name()
                + ": I/O tensor '"
                + t.name()
                + "' is "
                + t.type()
                + "; graph I/O must be int8 or float32");
      }
    }
  }

  private static List<IoBuffer> io(List<Tensor> tensors, String base, ArenaPlan arena) {
    List<IoBuffer> out = new ArrayList<>();
    for (int i = 0; i < tensors.size(); i++) {
      Tensor t = tensors.get(i);
      out.add(
          new IoBuffer(
              i == 0 ? base : base + "_" + i, t.name(), arena.offsetOf(t), t.sizeInBytes()));
    }
    return out;
  }

  private static List<Map<String, Object>> bufferScopes(List<IoBuffer> in, List<IoBuffer> out) {
    List<Map<String, Object>> scopes = new ArrayList<>();
    List<IoBuffer> all = new ArrayList<>(in);
    all.addAll(out);
    for (IoBuffer b : all) {
      scopes.add(
          Map.of(
              "symbol",
              b.symbol(),
              "macro",
              b.symbol().substring(8).toUpperCase(),
              "offset",
              b.offset(),
              "bytes",
              b.bytes()));
    }
    return scopes;
  }

  private static List<Map<String, Object>> weightScopes(WeightTable weights) {
    List<Map<String, Object>> scopes = new ArrayList<>();
    for (WeightTable.Entry e : weights.entries()) {
      scopes.add(
          Map.of(
              "name",
              e.name(),
              "ctype",
              e.ctype(),
              "count",
              e.count(),
              "values",
              e.values(),
              "origin",
              CSyntax.comment(e.origin())));
    }
    return scopes;
  }
}
