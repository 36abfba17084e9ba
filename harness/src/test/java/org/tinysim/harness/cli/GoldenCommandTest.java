package org.tinysim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.harness.inference.InputFile;
import org.tinysim.harness.inference.InputFiles;
import org.tinysim.harness.toolchain.CSourceTree;

/**
 * {@code tinysim golden} end to end on a tiny FULLY_CONNECTED model: create and bless a case, pass
 * unchanged, then catch a wrong and a slow kernel given as patches, naming the layer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GoldenCommandTest {

  private static final String FC = "FullyConnected/tsn_fully_connected_s8.c";

  @TempDir static Path repo;

  private static Path suites;

  @BeforeAll
  static void createAndBless() throws IOException {
    suites = Files.createDirectories(repo.resolve("golden-tests").resolve("suites"));
    Files.write(repo.resolve("fc.tflite"), TinyModels.fullyConnected());
    byte[] inputs = new byte[3 * TinyModels.IN];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = (byte) (i * 29 - 100);
    }
    Files.write(repo.resolve("fc-inputs.bin"), inputs);
  }

  private static CliRun golden(String... args) {
    List<String> all =
        new java.util.ArrayList<>(
            List.of(
                "golden",
                "--suites-dir",
                suites.toString(),
                "--build-dir",
                CliRun.buildRoot().toString()));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  @Order(0)
  void aNewCaseIsCreatedOnlyWhenBlessedAndNothingIsLeftOnFailure() throws IOException {
    Path model = repo.resolve("fc.tflite");
    CliRun unblessed =
        golden(
            "--model",
            model.toString(),
            "--inputs",
            repo.resolve("fc-inputs.bin").toString(),
            "--suite",
            "t",
            "--case",
            "fc");
    assertThat(unblessed.exitCode()).isEqualTo(2);
    assertThat(unblessed.err()).contains("needs --bless", "nothing was written");

    Path ragged = Files.write(repo.resolve("ragged.bin"), new byte[2 * TinyModels.IN + 1]);
    CliRun failed =
        golden(
            "--model",
            model.toString(),
            "--inputs",
            ragged.toString(),
            "--suite",
            "t",
            "--case",
            "fc",
            "--bless");
    assertThat(failed.exitCode()).as(failed.out()).isEqualTo(2);
    // Read and checked as infer reads its inputs, before anything is staged.
    assertThat(failed.err())
        .contains("ragged.bin: " + (2 * TinyModels.IN + 1) + " bytes is not a whole number");
    try (var left = Files.list(suites)) {
      assertThat(left.toList()).as("suites after a failed creation").isEmpty();
    }
  }

  @Test
  @Order(1)
  void newCaseFromAnyModelIsCreatedAndBlessed() throws IOException {
    CliRun r =
        golden(
            "--model",
            repo.resolve("fc.tflite").toString(),
            "--inputs",
            repo.resolve("fc-inputs.bin").toString(),
            "--suite",
            "t",
            "--case",
            "fc",
            "--bless");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "blessed t/fc [DSP]:",
            "blessed t/fc [PORTABLE]:",
            "new baseline",
            "created " + suites.resolve("t").resolve("fc"));
    Path dir = suites.resolve("t").resolve("fc");
    assertThat(Files.readString(dir.resolve("case.json"))).contains("\"model\": \"fc.tflite\"");
    String baseline = Files.readString(dir.resolve("baseline-dsp.json"));
    assertThat(baseline).contains("\"records\": 3", "\"op\": \"FULLY_CONNECTED\"");
    assertThat(Files.size(dir.resolve("outputs-dsp.bin"))).isEqualTo(3L * TinyModels.OUT);
  }

  @Test
  @Order(2)
  @SuppressWarnings("unchecked")
  void jsonListsEveryCaseWithItsFiguresInAFixedKeyOrder() {
    CliRun r = golden("--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, Object> json = (Map<String, Object>) r.json();
    assertThat(List.copyOf(json.keySet())).containsExactly("seconds", "failed", "cases");
    assertThat(json.get("failed")).isEqualTo(0L);
    List<Map<String, Object>> cases = (List<Map<String, Object>>) json.get("cases");
    assertThat(cases).extracting(c -> c.get("kernelPath")).containsExactly("DSP", "PORTABLE");
    Map<String, Object> dsp = cases.get(0);
    assertThat(List.copyOf(dsp.keySet()))
        .containsExactly(
            "case",
            "kernelPath",
            "status",
            "message",
            "deltas",
            "changedLayers",
            "wrongOutput",
            "records",
            "imagesPerSecond");
    assertThat(dsp)
        .containsEntry("case", "t/fc")
        .containsEntry("status", "PASS")
        .containsEntry("records", 3L)
        .containsEntry("wrongOutput", null);
    Map<String, Object> row = ((List<Map<String, Object>>) dsp.get("deltas")).get(0);
    assertThat(List.copyOf(row.keySet()))
        .containsExactly("quantity", "blessed", "measured", "change", "rule", "ok");
  }

  @Test
  @Order(2)
  void unchangedKernelsPassAndWriteJunitXml() throws IOException {
    Path xml = repo.resolve("junit.xml");
    CliRun r = golden("--junit-xml", xml.toString());

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("t/fc [DSP]  PASS", "t/fc [PORTABLE]  PASS", "2 passed, 0 failed");
    assertThat(r.err())
        .contains(
            "golden t/fc [DSP] records: 1/3 (33%)",
            "golden t/fc [DSP] records: 3/3 (100%)", "golden t/fc [PORTABLE] records: 3/3 (100%)")
        .doesNotContain("\r");
    assertThat(Files.readString(xml))
        .contains("tests=\"2\" failures=\"0\"", "name=\"fc[DSP]\"")
        .doesNotContain("<failure");
  }

  @Test
  @Order(3)
  void wrongKernelPatchFailsNamingTheLayer() throws IOException {
    Path patch = patch("acc1 += bias_data[u + 1];", "acc1 += bias_data[u];");
    Path xml = repo.resolve("junit-wrong.xml");
    Path html = repo.resolve("html");
    CliRun r =
        golden(
            "--kernel-patch",
            patch.toString(),
            "--path",
            "DSP",
            "--junit-xml",
            xml.toString(),
            "--html",
            html.toString());

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "kernels patched by",
            "t/fc [DSP]  FAIL",
            "first differing layer: operator 0 (FULLY_CONNECTED)");
    assertThat(Files.readString(xml))
        .contains("<failure message=\"regression: reference, " + "outputs");
    String page = Files.readString(html.resolve("t_fc_dsp.html"));
    assertThat(page)
        .contains(
            "<svg", "wrong output", "first differing layer: operator 0 " + "(FULLY_CONNECTED)");
  }

  @Test
  @Order(4)
  void slowKernelPatchFailsTheCycleBandAndNamesTheLayer() throws IOException {
    String anchor = "out[u + 1] = tsn_requant_clamp(acc1, qm[q1],";
    Path patch = patch(anchor, "for (volatile int32_t spin = 0; spin < 64; spin++) { } " + anchor);
    CliRun r = golden("--kernel-patch", patch.toString(), "--path", "DSP");

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("reference     -", "layers whose cycles moved beyond ±2.0%:")
        .containsPattern("cycles +[0-9,]+ +[0-9,]+ +\\+[0-9.]+% +±2\\.0% +FAIL")
        .containsPattern("op 0 +FULLY_CONNECTED");
  }

  @Test
  @Order(5)
  void blessingModifiedKernelsIsRefused() throws IOException {
    Path patch = patch("acc1 += bias_data[u + 1];", "acc1 += bias_data[u];");
    CliRun r = golden("--kernel-patch", patch.toString(), "--bless");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--bless records the blessed kernels");
  }

  @Test
  @Order(6)
  void badCaseFileNamesFileAndField() throws IOException {
    Path dir = Files.createDirectories(suites.resolve("bad").resolve("typo"));
    Files.writeString(
        dir.resolve("case.json"),
        "{\"model\": \"fc.tflite\", \"inputs\": "
            + "{\"generated\": {\"seed\": 1, \"count\": \"many\"}}}");
    CliRun r = golden("--suite", "bad");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "golden-tests/suites/bad/typo/case.json: field "
                + "'inputs.generated.count': expected an integer, got many");
  }

  @Test
  @Order(7)
  void blessCyclesRewritesOnlyTheCycles() throws IOException {
    Path baseline = suites.resolve("t").resolve("fc").resolve("baseline-dsp.json");
    String blessed = Files.readString(baseline);
    String total = blessed.lines().filter(l -> l.contains("\"total\"")).findFirst().orElseThrow();
    // As if the cycle model had changed since the bless: the stored total is off.
    Files.writeString(baseline, blessed.replace(total, "    \"total\": 1,"));
    CliRun stale = golden("--suite", "t", "--path", "DSP");
    assertThat(stale.exitCode()).isEqualTo(1);

    CliRun r = golden("--suite", "t", "--path", "DSP", "--bless-cycles");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "blessed cycles of t/fc [DSP]:",
            "cycles.\"total\": 1  ->  " + total.strip().replaceAll(",$", ""));
    assertThat(Files.readString(baseline)).isEqualTo(blessed);
  }

  @Test
  @Order(8)
  void addBugHiddenFromTheOutputsIsCaughtAtItsLayer() throws IOException {
    Files.write(repo.resolve("add-fc.tflite"), TinyModels.addHiddenByFullyConnected());
    CliRun blessed =
        golden(
            "--model",
            repo.resolve("add-fc.tflite").toString(),
            "--inputs",
            repo.resolve("fc-inputs.bin").toString(),
            "--suite",
            "k",
            "--case",
            "add_fc",
            "--bless",
            "--path",
            "DSP");
    assertThat(blessed.exitCode()).as(blessed.out() + blessed.err()).isZero();
    // Off by one on the last ADD element only, which the FC's zero weights ignore.
    Path kernels = Files.createDirectories(repo.resolve("add-bug"));
    Path tree = CSourceTree.locate(CliRun.buildRoot().resolve("src")).kernels();
    try (var walk = Files.walk(tree)) {
      for (Path from : walk.toList()) {
        Path to = kernels.resolve(tree.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    Path add = kernels.resolve("Elementwise/tsn_add_s8.c");
    String source = Files.readString(add);
    // The store of the route the usual ADD parameters take (rounding folded into one add).
    String store = "out[i] = tsn_sat_s8(r);";
    assertThat(source).contains(store);
    Files.writeString(
        add, source.replace(store, "out[i] = (int8_t)(tsn_sat_s8(r) + (i == size - 1));"));

    CliRun outputsOnly =
        golden(
            "--kernels",
            kernels.toString(),
            "--suite",
            "k",
            "--path",
            "DSP",
            "--probe-records",
            "0");
    assertThat(outputsOnly.out())
        .as("graph outputs alone miss the bug")
        .containsPattern("reference +- +3/3 equal")
        .containsPattern("outputs +sha \\w+ +sha \\w+ +equal")
        .doesNotContain("wrong output");

    CliRun r = golden("--kernels", kernels.toString(), "--suite", "k", "--path", "DSP");
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "every layer vs the reference on the first 2 records",
            "k/add_fc [DSP]  FAIL",
            "regression: reference",
            "(every layer on the first 2 records)",
            "wrong output: record 0 (input 0): graph outputs equal, but first differing layer: "
                + "operator 0 (ADD) output 'sum'",
            "first at 11 [0, 11]")
        .containsPattern("outputs +sha \\w+ +sha \\w+ +equal");
  }

  /** A one-line change to the FC kernel as a repository-relative unified diff. */
  private static Path patch(String from, String to) throws IOException {
    Path kernels = CSourceTree.locate(CliRun.buildRoot().resolve("src")).kernels();
    List<String> lines = Files.readAllLines(kernels.resolve(FC));
    int at = -1;
    for (int i = 0; i < lines.size() && at < 0; i++) {
      at = lines.get(i).contains(from) ? i : -1;
    }
    assertThat(at).as("'%s' in %s", from, FC).isNotNegative();
    String path = "kernels-cmsis/src/main/c/" + FC;
    String diff =
        "--- a/"
            + path
            + "\n+++ b/"
            + path
            + "\n@@ -"
            + (at + 1)
            + ",1 +"
            + (at + 1)
            + ",1 @@\n-"
            + lines.get(at)
            + "\n+"
            + lines.get(at).replace(from, to)
            + "\n";
    Path file = Files.createTempFile(repo, "kernel", ".diff");
    Files.writeString(file, diff);
    return file;
  }

  @Test
  @Order(20)
  void caseInputsAreReadAsInferReadsThemInEveryFormat() throws IOException {
    Path model =
        Path.of("").toAbsolutePath().getParent().resolve("models/fashion_mobilenet.tflite");
    Tensor input = TfliteImporter.load(model).inputs().get(0);
    byte[] pixels = new byte[28 * 28];
    float[] reals = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 7 + (i / 28) * 13);
      reals[i] = (pixels[i] & 0xff) / 255f;
    }
    byte[] quantised = InputFile.pixels(pixels, input, InputFile.Transform.NONE);
    Path dir = Files.createDirectories(repo.resolve("formats"));
    Map<String, Path> files = new java.util.LinkedHashMap<>();
    files.put("raw", Files.write(dir.resolve("image.bin"), quantised));
    files.put("npy_u8", InputFiles.npy(dir.resolve("u8.npy"), "|u1", pixels, 1, 28, 28));
    files.put("npy_f32", InputFiles.npy(dir.resolve("f32.npy"), reals, 1, 28, 28, 1));
    files.put("idx", InputFiles.idx(dir.resolve("images-ubyte"), pixels, 1, 28, 28));
    files.put("png", InputFiles.png(dir.resolve("image.png"), pixels, 28, 28));
    java.util.Set<String> hashes = new java.util.HashSet<>();
    for (Map.Entry<String, Path> f : files.entrySet()) {
      CliRun r =
          golden(
              "--model",
              model.toString(),
              "--inputs",
              f.getValue().toString(),
              "--suite",
              "formats",
              "--case",
              f.getKey(),
              "--path",
              "DSP",
              "--bless");
      assertThat(r.exitCode()).as(f.getKey() + ": " + r.err()).isZero();
      Path caseDir = suites.resolve("formats").resolve(f.getKey());
      assertThat(Files.readAllBytes(caseDir.resolve("inputs.bin")))
          .as(f.getKey())
          .isEqualTo(quantised);
      String baseline = Files.readString(caseDir.resolve("baseline-dsp.json"));
      hashes.add(baseline.replaceAll("(?s).*\"sha256\": \"([0-9a-f]+)\".*", "$1"));
    }
    // One image in five formats: one input, one output.
    assertThat(hashes).hasSize(1);
  }
}
