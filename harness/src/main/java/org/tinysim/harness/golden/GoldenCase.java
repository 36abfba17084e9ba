package org.tinysim.harness.golden;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.patch.PatchConfig;
import org.tinysim.harness.golden.GoldenPaths.FileRef;
import org.tinysim.harness.toolchain.KernelPath;

/**
 * One golden case, loaded from {@code <suite>/<case>/case.json}.
 *
 * @param options the open options map (planner, inPlace, and keys other features add)
 * @param referenceRecords records checked against the Java reference; empty = all
 * @param countPerPath records to run on a kernel path instead of the inputs' count (e.g. a sample
 *     on the slower portable path)
 */
public record GoldenCase(
    String suite,
    String name,
    Path dir,
    String description,
    FileRef model,
    InputSpec inputs,
    List<KernelPath> kernelPaths,
    Map<String, Object> options,
    Tolerances tolerances,
    Optional<Integer> referenceRecords,
    Map<KernelPath, Integer> countPerPath) {

  public GoldenCase {
    kernelPaths = List.copyOf(kernelPaths);
    options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    countPerPath = Map.copyOf(countPerPath);
  }

  /** The record count for {@code path}: {@code override} first, then countPerPath. */
  public Optional<Integer> count(KernelPath path, Optional<Integer> override) {
    return override.or(() -> Optional.ofNullable(countPerPath.get(path)));
  }

  /** "suite/case". */
  public String id() {
    return suite + "/" + name;
  }

  public CodegenOptions codegenOptions() {
    CodegenOptions plain =
        new CodegenOptions(
            (String) options.getOrDefault("planner", "greedy"),
            (Boolean) options.getOrDefault("inPlace", false));
    Object patch = options.get("patch");
    if (patch == null) {
      return plain;
    }
    try {
      return plain.withPatch(PatchConfig.parse(String.valueOf(patch)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          id() + "/case.json: field 'options.patch': " + e.getMessage(), e);
    }
  }

  /** Why the case cannot run here (a ../shared file is absent), or empty. */
  public Optional<String> skipReason() {
    List<FileRef> refs = new java.util.ArrayList<>(inputs.files());
    refs.add(0, model);
    for (FileRef ref : refs) {
      if (ref.shared() && !ref.exists()) {
        return Optional.of("needs " + ref.text() + " (" + ref.path() + " is absent)");
      }
    }
    return Optional.empty();
  }

  public Path baselineFile(KernelPath path) {
    return dir.resolve("baseline-" + path.name().toLowerCase() + ".json");
  }

  public Path outputsFile(KernelPath path) {
    return dir.resolve(outputsFileName(path));
  }

  public static String outputsFileName(KernelPath path) {
    return "outputs-" + path.name().toLowerCase() + ".bin";
  }
}
