package org.tinysim.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tinysim.harness.golden.CaseLoader;
import org.tinysim.harness.golden.CaseRunner;
import org.tinysim.harness.golden.GoldenCase;
import org.tinysim.harness.golden.GoldenPaths;
import org.tinysim.harness.golden.GoldenSuite;
import org.tinysim.harness.golden.KernelSource;
import org.tinysim.harness.golden.Verdict;
import org.tinysim.harness.report.DeltaTable;
import org.tinysim.harness.report.GoldenHtml;
import org.tinysim.harness.toolchain.KernelPath;

/**
 * Every case directory under golden-tests/suites, on each of its kernel paths, against its blessed
 * baseline. Cases needing ../shared skip when it is absent. The delta tables of all cases go to
 * target/golden-deltas.txt; a failure's message is its table and its HTML report goes to
 * target/golden-html/.
 */
class GoldenSuitesTest {

  private static final Path REPORT = Path.of("target", "golden-deltas.txt");

  /** HTML reports of the cases that did not pass. */
  private static final Path HTML = Path.of("target", "golden-html");

  @TestFactory
  Stream<DynamicTest> everyCaseOnEachKernelPath() {
    GoldenPaths paths = GoldenPaths.forSuites(repoRoot().resolve("golden-tests").resolve("suites"));
    CaseLoader loader = new CaseLoader(paths);
    GoldenSuite suite =
        new GoldenSuite(
            loader,
            new CaseRunner(
                Path.of("target", "tinysim-build").toAbsolutePath(), KernelSource.blessed()));
    // -Dtinysim.golden.count=N runs a quick sample of every case (accuracy: binomial rule).
    Optional<Integer> count =
        Optional.ofNullable(System.getProperty("tinysim.golden.count")).map(Integer::parseInt);
    resetReport();
    List<DynamicTest> tests = new ArrayList<>();
    for (GoldenCase c : loader.discover(Optional.empty(), Optional.empty())) {
      for (KernelPath path : c.kernelPaths()) {
        tests.add(
            DynamicTest.dynamicTest(
                c.id() + " [" + path + "]",
                c.dir().toUri(),
                () -> {
                  assumeTrue(
                      c.skipReason().isEmpty(),
                      () -> c.id() + " skipped: " + c.skipReason().orElse(""));
                  Verdict v = suite.check(c, path, count);
                  String table = DeltaTable.render(v);
                  appendReport(table);
                  System.out.print(table);
                  if (v.failed()) {
                    GoldenHtml.write(v, HTML).ifPresent(f -> System.out.println("  report: " + f));
                  }
                  assertThat(v.status())
                      .as("golden case %s%n%s", v.title(), table)
                      .isEqualTo(Verdict.Status.PASS);
                }));
      }
    }
    assertThat(tests).as("golden cases under %s", paths.suites()).isNotEmpty();
    return tests.stream();
  }

  private static Path repoRoot() {
    String root = System.getProperty("tinysim.repoRoot");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }

  private static void resetReport() {
    try {
      Files.createDirectories(REPORT.getParent());
      Files.writeString(REPORT, "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized void appendReport(String text) {
    try {
      Files.writeString(REPORT, text, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
