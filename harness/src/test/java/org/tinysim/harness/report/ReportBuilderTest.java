package org.tinysim.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.codegen.CodeGenerator;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.codegen.GeneratedModel;
import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Padding;
import org.tinysim.engine.ir.Quantization;
import org.tinysim.engine.ir.Shape;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.harness.inference.CompiledModel;
import org.tinysim.harness.inference.InferenceResult;
import org.tinysim.harness.report.MemoryTimeline.LiveBuffer;
import org.tinysim.harness.report.MemoryTimeline.OpColumn;
import org.tinysim.harness.toolchain.KernelPath;

/** Filling the report from generated code (no firmware needed: cycles are given). */
class ReportBuilderTest {

  private static final Map<String, Long> STATIC = Map.of(".bss", 5000L, ".data", 120L);

  /** in 1x6x6x2 -> conv 3x3 -> conv_out 1x6x6x4 -> depthwise 3x3 -> dw_out -> conv 1x1 -> out. */
  private static Graph chain() {
    List<Tensor> tensors = new ArrayList<>();
    Tensor in = add(tensors, "in", Shape.of(1, 6, 6, 2), null, 0.05f);
    Tensor w0 = add(tensors, "w0", Shape.of(4, 3, 3, 2), weights(72), 0.02f);
    Tensor b0 = bias(tensors, "b0", 4);
    Tensor conv = add(tensors, "conv_out", Shape.of(1, 6, 6, 4), null, 0.05f);
    Tensor w1 = add(tensors, "w1", Shape.of(1, 3, 3, 4), weights(36), 0.02f);
    Tensor b1 = bias(tensors, "b1", 4);
    Tensor dw = add(tensors, "dw_out", Shape.of(1, 6, 6, 4), null, 0.05f);
    Tensor w2 = add(tensors, "w2", Shape.of(3, 1, 1, 4), weights(12), 0.02f);
    Tensor b2 = bias(tensors, "b2", 3);
    Tensor out = add(tensors, "out", Shape.of(1, 6, 6, 3), null, 0.05f);
    List<Op> ops =
        List.of(
            new Op.Conv2D(0, in, w0, b0, conv, Padding.SAME, 1, 1, 1, 1, Activation.RELU),
            new Op.DepthwiseConv2D(
                1, conv, w1, b1, dw, Padding.SAME, 1, 1, 1, 1, 1, Activation.NONE),
            new Op.Conv2D(2, dw, w2, b2, out, Padding.SAME, 1, 1, 1, 1, Activation.NONE));
    return new Graph("chain", "test:chain", tensors, ops, List.of(in), List.of(out));
  }

  private static Tensor add(
      List<Tensor> tensors, String name, Shape shape, byte[] data, float scale) {
    Tensor t =
        new Tensor(
            tensors.size(),
            name,
            shape,
            DataType.INT8,
            Quantization.perTensor(scale, 0),
            data,
            false);
    tensors.add(t);
    return t;
  }

  private static Tensor bias(List<Tensor> tensors, String name, int n) {
    ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      b.putInt(i * 10 - 5);
    }
    Tensor t =
        new Tensor(
            tensors.size(),
            name,
            Shape.of(n),
            DataType.INT32,
            Quantization.perTensor(0.001f, 0),
            b.array(),
            false);
    tensors.add(t);
    return t;
  }

  private static byte[] weights(int n) {
    byte[] w = new byte[n];
    for (int i = 0; i < n; i++) {
      w[i] = (byte) ((i * 29 + 3) % 200 - 100);
    }
    return w;
  }

  private static ReportData report(Graph graph, long[] layerCycles) {
    return report(graph, layerCycles, STATIC);
  }

  private static ReportData report(
      Graph graph, long[] layerCycles, Map<String, Long> staticSections) {
    PreparedGraph prepared = Preparer.prepare(graph);
    GeneratedModel code = new CodeGenerator().generate(prepared, CodegenOptions.defaults());
    CompiledModel compiled =
        new CompiledModel(
            code.name(), Path.of("not-built.elf"), Path.of("."), KernelPath.PORTABLE, code);
    long total = java.util.Arrays.stream(layerCycles).sum();
    InferenceResult run =
        new InferenceResult(
            List.of(new byte[108]), total, layerCycles, total + 50, 9000, 70_000, 216_000_000);
    return ReportBuilder.fromRun(graph, compiled, run, staticSections);
  }

  @Test
  void layersCarryMeasuredCyclesAndTheirTensorsSlots() {
    ReportData data = report(chain(), new long[] {4000, 900, 1500});
    List<LayerRow> rows = data.layers();
    assertThat(rows)
        .extracting(LayerRow::op)
        .containsExactly("CONV_2D", "DEPTHWISE_CONV_2D", "CONV_2D");
    assertThat(rows).extracting(LayerRow::cycles).containsExactly(4000L, 900L, 1500L);
    // MACs: 36 pixels x 4 ch x 18 taps; 36 x 4 x 9; 36 x 3 x 4.
    assertThat(rows).extracting(LayerRow::macs).containsExactly(2592L, 1296L, 432L);
    assertThat(rows.get(0).outputs())
        .singleElement()
        .satisfies(s -> assertThat(s.bytes()).isEqualTo(144));
    assertThat(rows.get(0).inputs())
        .singleElement()
        .satisfies(s -> assertThat(s.tensor()).isEqualTo("in"))
        .satisfies(s -> assertThat(s.bytes()).isEqualTo(72));
    // Constants (weights, bias) live in flash and are not listed; each op reads the slot the
    // previous op wrote.
    assertThat(rows.get(1).inputs()).containsExactlyElementsOf(rows.get(0).outputs());
    assertThat(rows.get(2).inputs()).containsExactlyElementsOf(rows.get(1).outputs());
    assertThat(rows.get(2).outputs().get(0).bytes()).isEqualTo(108);

    ModelSummary m = data.model();
    assertThat(m.cycles()).isEqualTo(6400);
    assertThat(m.macs()).isEqualTo(2592 + 1296 + 432);
    assertThat(m.staticBytes()).isEqualTo(5120);
    assertThat(m.stackAndHeapBytes()).isEqualTo(9000 - 5120);
    assertThat(m.kernelPath()).isEqualTo("PORTABLE");
    assertThat(m.planner()).isEqualTo("greedy");
  }

  @Test
  void timelineFollowsTheTensorsLifetimes() {
    MemoryTimeline t = report(chain(), new long[] {1, 1, 1}).memory();
    assertThat(t.columns()).extracting(OpColumn::op).containsExactly(0, 1, 2);
    assertThat(names(t.columns().get(0)))
        .contains("in 1x6x6x2", "conv_out 1x6x6x4")
        .doesNotContain("dw_out 1x6x6x4");
    assertThat(names(t.columns().get(1)))
        .contains("conv_out 1x6x6x4", "dw_out 1x6x6x4")
        .doesNotContain("in 1x6x6x2");
    assertThat(names(t.columns().get(2)))
        .contains("dw_out 1x6x6x4", "out 1x6x6x3")
        .doesNotContain("conv_out 1x6x6x4");
    // An in-place depthwise's output shares its input's bytes at the op that hands them over.
    Map<String, String> inPlace =
        new CodeGenerator()
            .generate(Preparer.prepare(chain()), CodegenOptions.defaults())
            .arena()
            .plan()
            .inPlaceApplied();
    long highest = 0;
    for (OpColumn c : t.columns()) {
      List<LiveBuffer> live = c.live();
      for (int i = 0; i < live.size(); i++) {
        highest = Math.max(highest, live.get(i).end());
        for (int j = i + 1; j < live.size(); j++) {
          LiveBuffer a = live.get(i);
          LiveBuffer b = live.get(j);
          if (a.id().equals(inPlace.get(b.id())) || b.id().equals(inPlace.get(a.id()))) {
            continue;
          }
          assertThat(a.offset() < b.end() && b.offset() < a.end())
              .as("%s and %s share bytes at op %d", a.id(), b.id(), c.op())
              .isFalse();
        }
      }
      assertThat(live)
          .filteredOn(LiveBuffer::scratch)
          .allSatisfy(s -> assertThat(s.label()).startsWith("scratch of op " + c.op()));
    }
    assertThat(t.arenaBytes()).isEqualTo(highest);
    assertThat(t.columns().get(t.peakOp()).live().stream().mapToLong(LiveBuffer::end).max())
        .hasValue(highest);
  }

  private static List<String> names(OpColumn c) {
    return c.live().stream().map(LiveBuffer::label).toList();
  }

  @Test
  void cyclesOfAnotherModelAreRejected() {
    assertThatThrownBy(() -> report(chain(), new long[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("measured 2 layers but chain has 3 ops");
  }

  @Test
  void personDetectPeakIsTheGreedyArenaOfTheReadme() {
    Path model = Path.of("..", "..", "shared", "models", "tflite-micro", "person_detect.tflite");
    assumeTrue(Files.isRegularFile(model), "../shared is absent: " + model.toAbsolutePath());
    Graph graph = TfliteImporter.load(model);
    long[] cycles = new long[graph.ops().size()];
    java.util.Arrays.fill(cycles, 1000);
    ReportData data = report(graph, cycles, Map.of(".bss", 60_000L));
    assertThat(data.memory().arenaBytes()).isEqualTo(55_296);
    assertThat(data.memory().columns()).hasSize(31);
    assertThat(data.memory().arenaByPlan())
        .containsExactly(
            Map.entry("linear (no reuse)", 241_030L),
            Map.entry("greedy", 55_296L),
            Map.entry("greedy + in-place depthwise", 55_296L));
    assertThat(HtmlReport.render(data)).contains("peak 55,296 B at op " + data.memory().peakOp());
  }
}
