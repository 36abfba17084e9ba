package org.tinysim.harness.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tinysim.engine.codegen.CodeGenerator;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.codegen.GeneratedModel;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.planner.FitReport;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.harness.Sha256;
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
    this(new FirmwareBuilder(toolchain, buildRoot), buildRoot);
  }

  /** Builds with {@code builder} (e.g. one using a modified kernel directory). */
  public ModelCompiler(FirmwareBuilder builder, Path buildRoot) {
    this.buildRoot = buildRoot.toAbsolutePath();
    this.builder = builder;
  }

  /** SRAM left for the arena: 320 KB less the runtime's minimum stack (16 KB) and heap (2 KB). */
  public static final long ARENA_LIMIT_BYTES = 320 * 1024 - 16 * 1024 - 2 * 1024;

  /** Flash left for weights: 1 MB less room for code (kernels, runtime, generated calls). */
  static final long WEIGHT_LIMIT_BYTES = 1024 * 1024 - 64 * 1024;

  public CompiledModel compile(Graph graph, CodegenOptions options, KernelPath path) {
    GeneratedModel code = generator.generate(Preparer.prepare(graph), options);
    checkFits(code);
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

  private static void checkFits(GeneratedModel code) {
    FitReport sram = code.arena().plan().fitsIn(ARENA_LIMIT_BYTES);
    if (!sram.fits()) {
      throw new ModelDoesNotFitException(
          code.name() + " does not fit the STM32F746's 320 KB SRAM: " + sram.message());
    }
    if (code.weightBytes() > WEIGHT_LIMIT_BYTES) {
      throw new ModelDoesNotFitException(
          String.format(
              "%s does not fit the STM32F746's 1 MB flash: its weights "
                  + "take %d bytes, %d more than the %d left after code",
              code.name(),
              code.weightBytes(),
              code.weightBytes() - WEIGHT_LIMIT_BYTES,
              WEIGHT_LIMIT_BYTES));
    }
  }

  private static String hash(Map<String, String> files) {
    Sha256 sha = Sha256.start();
    files.forEach((name, text) -> sha.add(name).add(text));
    return sha.hex().substring(0, 12);
  }
}
