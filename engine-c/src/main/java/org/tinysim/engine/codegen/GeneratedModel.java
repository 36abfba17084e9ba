package org.tinysim.engine.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The C sources of one model plus what the host needs to drive it.
 *
 * @param files file name -> content: model.h, model.c, model_weights.h, model_weights.c, main.c
 * @param arena the plan the offsets come from
 * @param sizes arena size under every planner, for reports
 * @param inputs graph inputs in graph order
 * @param outputs graph outputs in graph order
 * @param opNames op kind of each layer (index = position in tinysim_layer_cycles)
 * @param macs multiply-accumulates per inference
 * @param weightBytes bytes of const arrays in flash
 * @param memoryReport text report of the plan
 */
public record GeneratedModel(
    String name,
    Map<String, String> files,
    ArenaPlan arena,
    ArenaSizes sizes,
    List<IoBuffer> inputs,
    List<IoBuffer> outputs,
    List<String> opNames,
    long macs,
    long weightBytes,
    String memoryReport) {

  public GeneratedModel {
    // Keeps generation order: content hashes and directory listings must be stable.
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    opNames = List.copyOf(opNames);
  }

  /** Writes every file into {@code dir} (created if needed). */
  public void writeTo(Path dir) {
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path target = dir.resolve(f.getKey());
        if (!Files.exists(target) || !Files.readString(target).equals(f.getValue())) {
          Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write generated sources to " + dir, e);
    }
  }

  /** C files to compile (headers excluded). */
  public List<String> sourceFiles() {
    return files.keySet().stream().filter(n -> n.endsWith(".c")).sorted().toList();
  }
}
