package org.tinysim.harness.inference;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's models/ directory (bundled .tflite files and their .json records). */
final class BundledModels {

  private BundledModels() {}

  static Path tflite(String name) {
    Path file = dir().resolve(name + ".tflite");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "bundled model missing: " + file + " (regenerate with `tinysim models`)");
    }
    return file;
  }

  /** A number field of models/NAME.json, e.g. float_test_accuracy. */
  static double recorded(String name, String field) throws IOException {
    Path json = dir().resolve(name + ".json");
    Matcher m =
        Pattern.compile("\"" + Pattern.quote(field) + "\":([-0-9.eE]+)")
            .matcher(Files.readString(json));
    if (!m.find()) {
      throw new IllegalStateException(json + " has no number field '" + field + "'");
    }
    return Double.parseDouble(m.group(1));
  }

  private static Path dir() {
    String root = System.getProperty("tinysim.repoRoot");
    assumeTrue(root != null, "tinysim.repoRoot is not set: bundled models unavailable");
    return Path.of(root).resolve("models");
  }
}
