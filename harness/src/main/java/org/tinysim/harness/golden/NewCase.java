package org.tinysim.harness.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tinysim.engine.json.Json;

/** Creates a case directory for any .tflite plus raw inputs (then bless it). */
public final class NewCase {

  private NewCase() {}

  /** Writes {@code <suites>/<suite>/<name>/case.json} and copies the inputs beside it. */
  public static Path create(GoldenPaths paths, String suite, String name, Path model,
      Path inputs) {
    if (!name.matches("[A-Za-z0-9_.-]+") || !suite.matches("[A-Za-z0-9_.-]+")) {
      throw new CaseFormatException("suite and case names may hold letters, digits, '_', '.' and"
          + " '-' only: '" + suite + "/" + name + "'");
    }
    if (!Files.isRegularFile(model)) {
      throw new CaseFormatException("--model " + model + " does not exist");
    }
    if (!Files.isRegularFile(inputs)) {
      throw new CaseFormatException("--inputs " + inputs + " does not exist");
    }
    Path dir = paths.suites().resolve(suite).resolve(name);
    if (Files.exists(dir.resolve(CaseLoader.CASE_FILE))) {
      throw new CaseFormatException("case " + suite + "/" + name + " already exists at " + dir);
    }
    Path abs = model.toAbsolutePath().normalize();
    String modelRef = abs.startsWith(paths.repoRoot())
        ? paths.repoRoot().relativize(abs).toString() : abs.toString();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("description", "created by tinysim golden --model " + model.getFileName());
    json.put("model", modelRef);
    json.put("inputs", Map.of("file", "inputs.bin"));
    try {
      Files.createDirectories(dir);
      Files.copy(inputs, dir.resolve("inputs.bin"), StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(dir.resolve(CaseLoader.CASE_FILE), Json.indented(json));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create case " + dir, e);
    }
    return dir;
  }
}
