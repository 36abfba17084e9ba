package org.tinysim.engine.oracle.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The golden data the C kernel test checks against must be what the Java reference computes today.
 * Run with -Dtinysim.regenerate=true to rewrite the file after changing the reference.
 */
class TrainGoldenDataTest {

  private static final Path GOLDEN =
      Path.of("..", "kernels-cmsis", "src", "test", "c", "train_golden.h");

  @Test
  void committedGoldenDataMatchesTheJavaReference() throws IOException {
    String expected = TrainGoldenData.render();
    if (Boolean.getBoolean("tinysim.regenerate")) {
      Files.writeString(GOLDEN, expected);
    }
    assertEquals(
        expected,
        Files.readString(GOLDEN),
        GOLDEN + " is stale: rerun with -Dtinysim.regenerate=true");
  }
}
