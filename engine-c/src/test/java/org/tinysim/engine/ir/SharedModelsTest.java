package org.tinysim.engine.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.engine.tflite.TfliteModel;
import org.tinysim.engine.tflite.TfliteReader;
import org.tinysim.engine.tflite.UnsupportedOperatorException;

/**
 * Imports the real models under shared/models and checks every operator's kind, tensor types,
 * shapes and MACs against the MODEL_OPS.txt listings written by an independent reader. Skipped when
 * shared/ is not present next to (or above) the repository.
 */
class SharedModelsTest {

  /** One tensor mention in MODEL_OPS.txt: "INT8 1x32x32x3 ...". */
  private record Mention(String type, String shape) {}

  /** One "opNN NAME in=[...] out=[...]" line. */
  private record Listed(String name, List<Mention> inputs, List<Mention> outputs) {}

  /** The block of one model in MODEL_OPS.txt. */
  private record Listing(
      String description,
      int tensorCount,
      Map<String, Integer> opCounts,
      long constantBytes,
      long largestActivationBytes,
      List<Listed> ops,
      List<String> ioLines) {}

  private static final Pattern HEADER =
      Pattern.compile("subgraph 0 .*: (\\d+) ops, (\\d+) tensors; op counts: \\{(.*)}");
  private static final Pattern DESCRIPTION = Pattern.compile("desc='(.*)'$");
  private static final Pattern LARGEST =
      Pattern.compile("largest non-const tensor: .* \\((\\d+) bytes\\)$");
  private static final Pattern OP = Pattern.compile("op\\d+ (\\S+)\\s+in=\\[(.*)] out=\\[(.*)]$");

  @ParameterizedTest(name = "{0}/{1}")
  @CsvSource({
    "tflite-micro, person_detect",
    "tflite-micro, micro_speech_quantized",
    "tflite-micro, hello_world_int8",
    "mlperf-tiny, pretrainedResnet_quant",
    "mlperf-tiny, vww_96_int8",
    "tinyengine, mcunet_vww_80x80",
    "tinyengine, ptq_mnist_lenet-300-100"
  })
  void importsAndMatchesModelOps(String folder, String name) throws IOException {
    Path dir = modelsDir().resolve(folder);
    Path file = dir.resolve(name + ".tflite");
    Assumptions.assumeTrue(Files.exists(file), "shared model " + file + " absent: skipping");
    Listing listing = listing(dir.resolve("MODEL_OPS.txt"), name + ".tflite");

    TfliteModel model = TfliteReader.read(file);
    Graph g = TfliteImporter.importModel(model);

    assertThat(g.source()).isEqualTo(name + ".tflite");
    assertThat(model.version()).isEqualTo(3);
    assertThat(model.description()).isEqualTo(listing.description());
    assertThat(g.summary().largestActivationBytes()).isEqualTo(listing.largestActivationBytes());
    assertThat(g.tensors()).hasSize(listing.tensorCount());
    assertThat(g.summary().opHistogram()).containsExactlyInAnyOrderEntriesOf(listing.opCounts());
    // The listing counts constant tensor data, not metadata buffers.
    assertThat(g.summary().weightBytes()).isEqualTo(listing.constantBytes());
    assertThat(model.buffers().stream().mapToLong(b -> b.data().length).sum())
        .isGreaterThanOrEqualTo(listing.constantBytes());
    assertThat(g.ops()).hasSize(listing.ops().size());
    long expectedMacs = 0;
    for (int i = 0; i < g.ops().size(); i++) {
      Op op = g.ops().get(i);
      Listed l = listing.ops().get(i);
      assertThat(op.opName()).as("op %d", i).isEqualTo(l.name());
      assertThat(op.index()).isEqualTo(i);
      for (int k = 0; k < l.inputs().size(); k++) {
        assertMention(op.inputs().get(k), l.inputs().get(k), "op " + i + " input " + k);
      }
      assertMention(op.output(), l.outputs().get(0), "op " + i + " output");
      long macs = listedMacs(l);
      assertThat(op.macs()).as("MACs of op %d %s", i, l.name()).isEqualTo(macs);
      expectedMacs += macs;
    }
    assertThat(g.summary().totalMacs()).isEqualTo(expectedMacs);
    for (String io : listing.ioLines()) {
      assertGraphIo(g, io);
    }

    PreparedGraph prepared = Preparer.prepare(g);
    assertThat(prepared.ops()).hasSize(g.ops().size());
  }

  @Test
  void lstmModelIsRejectedNamingTheOperator() {
    Path file = modelsDir().resolve("tflite-micro/trained_lstm_int8.tflite");
    Assumptions.assumeTrue(Files.exists(file), "shared model " + file + " absent: skipping");
    assertThatThrownBy(() -> TfliteImporter.load(file))
        .isInstanceOf(UnsupportedOperatorException.class)
        .hasMessageContaining("UNIDIRECTIONAL_SEQUENCE_LSTM")
        .hasMessageContaining("operator 0")
        .hasMessageContaining("trained_lstm_int8.tflite");
  }

  @Test
  void readsMetadataEntries() {
    Path file = modelsDir().resolve("tflite-micro/hello_world_int8.tflite");
    Assumptions.assumeTrue(Files.exists(file), "shared model " + file + " absent: skipping");
    TfliteModel m = TfliteReader.read(file);
    assertThat(m.metadata())
        .extracting(org.tinysim.engine.tflite.TfliteMetadata::name)
        .containsExactly("min_runtime_version", "CONVERSION_METADATA");
    long buffer = m.metadata().get(0).buffer();
    String version =
        new String(
            m.buffers().get((int) buffer).data(), java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(version).matches("\\d+\\.\\d+\\.\\d+\\u0000*");
  }

  @Test
  void personDetectKnownPrepareValues() {
    Path file = modelsDir().resolve("tflite-micro/person_detect.tflite");
    Assumptions.assumeTrue(Files.exists(file), "shared model " + file + " absent: skipping");
    PreparedGraph pg = Preparer.prepare(TfliteImporter.load(file));
    var dw0 = pg.op(0).params(OpParams.DepthwiseConv.class);
    // 96x96, 3x3, stride 2, SAME: 48 outputs, total padding 1 -> 0 before, 1 after.
    assertThat(dw0.strideH()).isEqualTo(2);
    assertThat(dw0.padH()).isZero();
    assertThat(dw0.padHOffset()).isEqualTo(1);
    assertThat(dw0.inputOffset()).isEqualTo(1);
    assertThat(dw0.outputOffset()).isEqualTo(-128);
    assertThat(dw0.outputMultiplier()).hasSize(8);
    var softmax = pg.op(30).params(OpParams.Softmax.class);
    assertThat(softmax.diffMin()).isNegative();
  }

  // ---- MODEL_OPS.txt parsing -----------------------------------------------------------------

  private static Listing listing(Path opsFile, String modelFile) throws IOException {
    List<String> lines = Files.readAllLines(opsFile);
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(modelFile + ":")) {
        start = i;
      }
    }
    assertThat(start).as("block of %s in %s", modelFile, opsFile).isNotNegative();
    Matcher d = DESCRIPTION.matcher(lines.get(start));
    String description = d.find() ? d.group(1) : null;
    int tensors = -1;
    long constantBytes = -1;
    long largest = -1;
    Map<String, Integer> counts = new LinkedHashMap<>();
    List<Listed> ops = new ArrayList<>();
    List<String> io = new ArrayList<>();
    for (int i = start + 1; i < lines.size() && !lines.get(i).isBlank(); i++) {
      String line = lines.get(i).trim();
      Matcher h = HEADER.matcher(line);
      Matcher o = OP.matcher(line);
      Matcher big = LARGEST.matcher(line);
      if (h.find()) {
        tensors = Integer.parseInt(h.group(2));
        for (String kv : h.group(3).split(", ")) {
          String[] parts = kv.split(": ");
          counts.put(parts[0].replace("'", ""), Integer.parseInt(parts[1]));
        }
      } else if (o.find()) {
        ops.add(new Listed(o.group(1), mentions(o.group(2)), mentions(o.group(3))));
      } else if (big.find()) {
        largest = Long.parseLong(big.group(1));
      } else if (line.startsWith("constant data bytes: ")) {
        constantBytes = Long.parseLong(line.substring("constant data bytes: ".length()));
      } else if (line.startsWith("INPUT") || line.startsWith("OUTPUT")) {
        io.add(line);
      }
    }
    return new Listing(description, tensors, counts, constantBytes, largest, ops, io);
  }

  private static List<Mention> mentions(String list) {
    List<Mention> out = new ArrayList<>();
    for (String entry : list.split("; ")) {
      String[] tok = entry.trim().split(" ");
      out.add(new Mention(tok[0], tok.length > 1 ? tok[1] : ""));
    }
    return out;
  }

  private static void assertMention(Tensor t, Mention m, String what) {
    assertThat(t.type().name()).as("type of %s", what).isEqualTo(m.type());
    assertThat(t.shape().toString()).as("shape of %s", what).isEqualTo(m.shape());
  }

  /** MACs from the listed shapes: output elements times the filter taps per output. */
  private static long listedMacs(Listed l) {
    return switch (l.name()) {
      case "CONV_2D" -> elements(l.outputs().get(0)) * taps(l.inputs().get(1), 1, 3);
      case "DEPTHWISE_CONV_2D" -> elements(l.outputs().get(0)) * taps(l.inputs().get(1), 1, 2);
      case "FULLY_CONNECTED" -> elements(l.outputs().get(0)) * taps(l.inputs().get(1), 1, 1);
      default -> 0;
    };
  }

  private static long elements(Mention m) {
    return taps(m, 0, m.shape().split("x").length - 1);
  }

  private static long taps(Mention m, int from, int to) {
    String[] d = m.shape().split("x");
    long p = 1;
    for (int i = from; i <= to; i++) {
      p *= Long.parseLong(d[i]);
    }
    return p;
  }

  /** "INPUT [0] name: INT8 1x32x32x3 s=1 zp=-128" against the graph's inputs/outputs. */
  private static void assertGraphIo(Graph g, String line) {
    Matcher m =
        Pattern.compile("(INPUT|OUTPUT)\\s+\\[(\\d+)] .*: (\\S+) (\\S+)(?: s=\\S+ zp=(-?\\d+))?$")
            .matcher(line);
    assertThat(m.find()).as("parse %s", line).isTrue();
    int id = Integer.parseInt(m.group(2));
    List<Tensor> side = m.group(1).equals("INPUT") ? g.inputs() : g.outputs();
    assertThat(side).extracting(Tensor::id).contains(id);
    Tensor t = g.tensor(id);
    assertThat(t.type().name()).isEqualTo(m.group(3));
    assertThat(t.shape().toString()).isEqualTo(m.group(4));
    if (m.group(5) != null) {
      assertThat(t.quantization().zeroPoint()).isEqualTo(Integer.parseInt(m.group(5)));
    }
  }

  /**
   * shared/models beside the repository: found from the tinysim.repoRoot property (set by the
   * build) or the working directory, looking in each directory and its parents.
   */
  static Path modelsDir() {
    List<Path> starts = new ArrayList<>();
    String root = System.getProperty("tinysim.repoRoot");
    if (root != null && !root.isBlank()) {
      starts.add(Paths.get(root));
    }
    starts.add(Paths.get(System.getProperty("user.dir")));
    for (Path start : starts) {
      for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
        Path candidate = p.resolve("shared").resolve("models");
        if (Files.isDirectory(candidate)) {
          return candidate;
        }
      }
    }
    return Paths.get("shared", "models"); // absent: callers skip via assumptions
  }
}
