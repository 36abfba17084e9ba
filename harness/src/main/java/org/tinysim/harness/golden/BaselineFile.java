package org.tinysim.harness.golden;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.tinysim.engine.json.Json;
import org.tinysim.harness.toolchain.KernelPath;

/** Reads and writes {@code baseline-<path>.json}; key order is fixed so diffs stay readable. */
public final class BaselineFile {

  private BaselineFile() {}

  public static Optional<Figures> read(Path file, String shown) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new CaseFormatException("cannot read " + shown + ": " + e.getMessage(), e);
    }
    return Optional.of(
        Json.read(text, BaselineJson.class, shown, CaseFormatException::new).figures());
  }

  public static String write(KernelPath path, Figures f) {
    return Json.indented(BaselineJson.of(path, f));
  }
}
