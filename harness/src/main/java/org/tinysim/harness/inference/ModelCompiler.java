package org.tinysim.harness.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.tinysim.engine.codegen.CodeGenerator;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.codegen.GeneratedModel;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.harness.toolchain.FirmwareBuilder;
import org.tinysim.harness.toolchain.KernelPath;
import org.tinysim.harness.toolchain.Toolchain;

/** Graph -> generated C -> firmware ELF, in {@code buildRoot/models/<name>-<content hash>}. */
public final class ModelCompiler {

  private final FirmwareBuilder builder;
  private final Path buildRoot;
  private final CodeGenerator generator = new CodeGenerator();

  public ModelCompiler(Path buildRoot) {
    this(Toolchain.locate(), buildRoot);
  }

  public ModelCompiler(Toolchain toolchain, Path buildRoot) {
    this.buildRoot = buildRoot.toAbsolutePath();
    this.builder = new FirmwareBuilder(toolchain, this.buildRoot);
  }

  public CompiledModel compile(Graph graph, CodegenOptions options, KernelPath path) {
    GeneratedModel code = generator.generate(Preparer.prepare(graph), options);
    String safe = code.name().replaceAll("[^A-Za-z0-9_.-]", "_");
    Path dir = buildRoot.resolve("models").resolve(safe + "-" + hash(code.files()));
    code.writeTo(dir);
    try {
      Files.writeString(dir.resolve("memory-plan.txt"), code.memoryReport());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the memory report in " + dir, e);
    }
    Path elf = builder.build("model", dir, code.sourceFiles(), path);
    return new CompiledModel(code.name(), elf, dir, path, code);
  }

  private static String hash(Map<String, String> files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      files.forEach((name, text) -> {
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update(text.getBytes(StandardCharsets.UTF_8));
      });
      return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
