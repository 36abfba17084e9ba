package org.tinysim.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tinysim.harness.golden.BaselineFile;
import org.tinysim.harness.golden.CaseLoader;
import org.tinysim.harness.golden.Figures;
import org.tinysim.harness.golden.GoldenCase;
import org.tinysim.harness.golden.GoldenPaths;
import org.tinysim.harness.toolchain.KernelPath;

/**
 * Fast, no emulation: every committed case.json loads, and every committed baseline reads and
 * writes back byte for byte, so a bless never rewrites a baseline whose figures did not change.
 */
class BaselineFilesTest {

  @Test
  void everyCommittedBaselineWritesBackUnchanged() throws IOException {
    Path root = Path.of(System.getProperty("tinysim.repoRoot", "..")).toAbsolutePath().normalize();
    CaseLoader loader =
        new CaseLoader(GoldenPaths.forSuites(root.resolve("golden-tests").resolve("suites")));
    int baselines = 0;
    for (GoldenCase c : loader.discover(Optional.empty(), Optional.empty())) {
      for (KernelPath path : KernelPath.values()) {
        Path file = c.baselineFile(path);
        Optional<Figures> figures = BaselineFile.read(file, file.toString());
        if (figures.isPresent()) {
          assertThat(BaselineFile.write(path, figures.get()))
              .as(file.toString())
              .isEqualTo(Files.readString(file));
          baselines++;
        }
      }
    }
    assertThat(baselines).isGreaterThan(0);
  }
}
