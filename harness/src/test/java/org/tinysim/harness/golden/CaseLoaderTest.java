package org.tinysim.harness.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinysim.engine.patch.PatchConfig;
import org.tinysim.harness.toolchain.KernelPath;

class CaseLoaderTest {

  @TempDir Path repo;

  private CaseLoader loader;

  @BeforeEach
  void suites() throws IOException {
    Path suites = Files.createDirectories(repo.resolve("golden-tests/suites"));
    Files.write(repo.resolve("m.tflite"), new byte[] {1});
    loader = new CaseLoader(GoldenPaths.forSuites(suites));
  }

  private Path writeCase(String suite, String name, String json) throws IOException {
    Path dir =
        Files.createDirectories(repo.resolve("golden-tests/suites").resolve(suite).resolve(name));
    Files.writeString(dir.resolve("case.json"), json);
    return dir;
  }

  @Test
  void defaultsApplyWhenOnlyModelAndInputsAreGiven() throws IOException {
    Path dir =
        writeCase(
            "s",
            "c",
            "{\"model\": \"m.tflite\", \"inputs\": {\"generated\": "
                + "{\"seed\": 5, \"count\": 3}}}");
    GoldenCase c = loader.load(dir);

    assertThat(c.id()).isEqualTo("s/c");
    assertThat(c.model().path()).isEqualTo(repo.resolve("m.tflite"));
    assertThat(c.kernelPaths()).containsExactly(KernelPath.DSP, KernelPath.PORTABLE);
    assertThat(c.tolerances().cyclesPercent()).isEqualTo(2.0);
    assertThat(c.tolerances().sramLimit()).isEqualTo(320 * 1024);
    assertThat(c.referenceRecords()).contains(100);
    assertThat(c.codegenOptions().planner()).isEqualTo("greedy");
    assertThat(c.skipReason()).isEmpty();
  }

  @Test
  void optionsMapKeepsKeysOtherFeaturesAdd() throws IOException {
    Path dir =
        writeCase(
            "s",
            "c",
            "{\"model\": \"m.tflite\", \"inputs\": {\"generated\": "
                + "{\"seed\": 5, \"count\": 3}}, \"options\": {\"planner\": \"linear\", \"inPlace\": true,"
                + " \"sramBudget\": 65536}, \"kernelPaths\": [\"PORTABLE\"], \"referenceRecords\": \"all\","
                + " \"countPerPath\": {\"PORTABLE\": 50}}");
    GoldenCase c = loader.load(dir);

    assertThat(c.codegenOptions().planner()).isEqualTo("linear");
    assertThat(c.codegenOptions().inPlace()).isTrue();
    assertThat(c.options()).containsEntry("sramBudget", 65536L);
    assertThat(c.kernelPaths()).containsExactly(KernelPath.PORTABLE);
    assertThat(c.referenceRecords()).isEmpty();
    assertThat(c.count(KernelPath.PORTABLE, Optional.empty())).contains(50);
    assertThat(c.count(KernelPath.DSP, Optional.empty())).isEmpty();
    assertThat(c.count(KernelPath.PORTABLE, Optional.of(7))).contains(7);
  }

  @Test
  void patchOptionForcesAPatchSchedule() throws IOException {
    Path dir =
        writeCase(
            "s",
            "p",
            "{\"model\": \"m.tflite\", \"inputs\": {\"generated\": "
                + "{\"seed\": 5, \"count\": 1}}, \"options\": {\"patch\": \"split=10,grid=2\"}}");
    GoldenCase c = loader.load(dir);
    assertThat(c.codegenOptions().patch()).isEqualTo(new PatchConfig(10, 2));

    Path bad =
        writeCase(
            "s",
            "q",
            "{\"model\": \"m.tflite\", \"inputs\": {\"generated\": "
                + "{\"seed\": 5, \"count\": 1}}, \"options\": {\"patch\": \"grid=2\"}}");
    assertThatThrownBy(() -> loader.load(bad).codegenOptions())
        .hasMessageContaining("s/q/case.json: field 'options.patch'")
        .hasMessageContaining("split=K,grid=N");
  }

  @Test
  void errorsNameTheFileAndTheField() throws IOException {
    Path typo =
        writeCase(
            "s",
            "typo",
            "{\"model\": \"m.tflite\", \"inputs\": {\"generated\": "
                + "{\"seed\": 5, \"count\": 3}}, \"tolerances\": {\"cyclePercent\": 3}}");
    assertThatThrownBy(() -> loader.load(typo))
        .isInstanceOf(CaseFormatException.class)
        .hasMessageStartingWith(
            "golden-tests/suites/s/typo/case.json: unknown field " + "'tolerances.cyclePercent'");

    Path missing =
        writeCase(
            "s",
            "missing",
            "{\"model\": \"nope.tflite\", \"inputs\": "
                + "{\"generated\": {\"seed\": 5, \"count\": 3}}}");
    assertThatThrownBy(() -> loader.load(missing))
        .hasMessageContaining("case.json: field 'model': no file ");

    Path rule =
        writeCase(
            "s",
            "rule",
            "{\"model\": \"m.tflite\", \"inputs\": {\"file\": "
                + "\"m.tflite\", \"preprocess\": \"pixel+1\"}}");
    Files.write(rule.resolve("m.tflite"), new byte[] {1});
    assertThatThrownBy(() -> loader.load(rule))
        .hasMessageContaining(
            "field 'inputs.preprocess': unknown rule 'pixel+1' (known: raw, " + "pixel-128");

    Path syntax = writeCase("s", "syntax", "{\n  \"model\": \"m.tflite\",\n  \"inputs\" {}\n}");
    assertThatThrownBy(() -> loader.load(syntax))
        .hasMessage(
            "golden-tests/suites/s/syntax/case.json:3:12: at /inputs: Unexpected "
                + "character ('{' (code 123)): was expecting a colon to separate field name and value");
  }

  @Test
  void absentSharedFilesSkipInsteadOfFailing() throws IOException {
    Path dir =
        writeCase(
            "s",
            "shared",
            "{\"model\": \"shared:models/x/absent.tflite\", "
                + "\"inputs\": {\"file\": \"shared:data/x/absent.bin\"}}");
    GoldenCase c = loader.load(dir);

    assertThat(c.model().shared()).isTrue();
    assertThat(c.model().path())
        .isEqualTo(repo.resolveSibling("shared").resolve("models/x/absent.tflite"));
    assertThat(c.skipReason()).get().asString().startsWith("needs shared:models/x/absent.tflite");
  }

  @Test
  void discoverSortsAndFilters() throws IOException {
    String json =
        "{\"model\": \"m.tflite\", \"inputs\": {\"generated\": {\"seed\": 1, " + "\"count\": 1}}}";
    writeCase("b", "z", json);
    writeCase("b", "a", json);
    writeCase("a", "m", json);
    Files.createDirectories(repo.resolve("golden-tests/suites/a/not-a-case"));

    assertThat(loader.discover(Optional.empty(), Optional.empty()))
        .extracting(GoldenCase::id)
        .containsExactly("a/m", "b/a", "b/z");
    assertThat(loader.discover(Optional.of("b"), Optional.of("z")))
        .extracting(GoldenCase::id)
        .containsExactly("b/z");
  }
}
