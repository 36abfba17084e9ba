package org.tinysim.harness.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tinysim.harness.bench.ModelsBenchmark;
import org.tinysim.harness.golden.CaseLoader;
import org.tinysim.harness.golden.CaseRunner;
import org.tinysim.harness.golden.GoldenCase;
import org.tinysim.harness.golden.GoldenPaths;
import org.tinysim.harness.golden.KernelSource;

/**
 * {@code tinysim bench --models} as part of the build: every ../shared and bundled golden model
 * once on the board (bit-exact against the reference, or the run throws), written to
 * target/models-benchmark.md with the committed baselines as "before".
 */
class ModelsBenchmarkTest {

  @Test
  void everyModelRunsExactlyAndTheReportHasARowPerModel() throws Exception {
    CaseLoader loader = new CaseLoader(GoldenPaths.discover(Path.of("")));
    List<GoldenCase> cases = new ArrayList<>();
    for (String suite : ModelsBenchmark.SUITES) {
      loader.discover(Optional.of(suite), Optional.empty()).stream()
          .filter(c -> c.skipReason().isEmpty())
          .forEach(cases::add);
    }
    assertThat(cases).as("bundled models are always there").isNotEmpty();
    List<ModelsBenchmark.Row> rows =
        new ModelsBenchmark(
                new CaseRunner(BuildDirs.root(), KernelSource.blessed()), System.out::println)
            .run(cases);
    String report = ModelsBenchmark.markdown(rows);
    Files.writeString(Path.of("target", "models-benchmark.md"), report);
    for (ModelsBenchmark.Row r : rows) {
      assertThat(report).contains("| " + r.c().id() + " |", "## " + r.c().id());
      long layers = r.now().figures().layers().size();
      assertThat(layers).isEqualTo(r.now().run().orElseThrow().graph().ops().size());
    }
  }
}
