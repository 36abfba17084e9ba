package org.tinysim.harness.toolchain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.tinysim.harness.Sha256;

/**
 * Builds firmware ELFs: application sources + tsn kernels + runtime, compiled for the F746 and
 * linked with the runtime's linker script. Kernel and runtime objects do not depend on the
 * application, so they are compiled once per (compiler, flags, kernel path, sources) and reused
 * from {@code buildRoot/lib/<key>}.
 */
public final class FirmwareBuilder {

  private final Toolchain toolchain;
  private final CSourceTree tree;
  private final Path buildRoot;

  public FirmwareBuilder(Toolchain toolchain, Path buildRoot) {
    this(toolchain, buildRoot, null);
  }

  /** {@code kernelDir}: kernel sources used instead of the classpath ones (null = those). */
  public FirmwareBuilder(Toolchain toolchain, Path buildRoot, Path kernelDir) {
    this.toolchain = toolchain;
    this.buildRoot = buildRoot.toAbsolutePath();
    CSourceTree located = CSourceTree.locate(this.buildRoot.resolve("src"));
    this.tree =
        kernelDir == null ? located : new CSourceTree(kernelDir.toAbsolutePath(), located.board());
  }

  public CSourceTree sources() {
    return tree;
  }

  /**
   * @param appDir directory holding the application's .c/.h files (includes resolve there)
   * @param appFiles application .c file names inside {@code appDir}
   * @return the linked ELF, {@code appDir/<name>.elf}
   */
  public Path build(String name, Path appDir, List<String> appFiles, KernelPath path) {
    List<Path> includes = List.of(appDir.toAbsolutePath(), tree.kernelInclude(), tree.board());
    List<Path> objects = new ArrayList<>();
    Path objDir = appDir.resolve("obj-" + path.name().toLowerCase());
    List<Path> sources = appFiles.stream().map(appDir::resolve).toList();
    objects.addAll(compileAll(sources, objDir, includes, path.defines()));
    objects.addAll(libraryObjects(path));
    Path elf = appDir.toAbsolutePath().resolve(name + "-" + path.name().toLowerCase() + ".elf");
    toolchain.link(objects, tree.linkerScript(), elf);
    return elf;
  }

  /** Kernel + runtime objects for {@code path}, compiled on first use. */
  List<Path> libraryObjects(KernelPath path) {
    List<Path> sources = new ArrayList<>(tree.kernelSources());
    sources.addAll(tree.boardSources());
    Path dir = buildRoot.resolve("lib").resolve(cacheKey(sources, path));
    if (!Files.isDirectory(dir)) {
      Path tmp =
          buildRoot
              .resolve("lib")
              .resolve("tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
      compileAll(sources, tmp, List.of(tree.kernelInclude(), tree.board()), path.defines());
      moveIntoPlace(tmp, dir);
    }
    markUsed(dir);
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".o")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list cached objects in " + dir, e);
    }
  }

  /** The build folder's cache evicts least recently used entries; a link counts as a use. */
  private static void markUsed(Path dir) {
    try {
      Files.setLastModifiedTime(dir, FileTime.from(Instant.now()));
    } catch (IOException e) {
      // Only the eviction order suffers.
    }
  }

  private List<Path> compileAll(
      List<Path> sources, Path objDir, List<Path> includes, List<String> flags) {
    int threads = Math.max(1, Math.min(sources.size(), Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      Files.createDirectories(objDir);
      List<Future<Path>> jobs = new ArrayList<>();
      for (Path src : sources) {
        Path obj = objDir.resolve(src.getFileName().toString().replaceAll("\\.c$", ".o"));
        jobs.add(
            pool.submit(
                () -> {
                  toolchain.compile(src, obj, includes, flags);
                  return obj;
                }));
      }
      List<Path> objects = new ArrayList<>();
      for (Future<Path> job : jobs) {
        objects.add(job.get());
      }
      return objects;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + objDir, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new ToolchainException("compilation failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolchainException("interrupted while compiling", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private String cacheKey(List<Path> sources, KernelPath path) {
    try {
      Sha256 sha = Sha256.start();
      sha.add(
          toolchain.gcc()
              + "\n"
              + toolchain.version()
              + "\n"
              + Toolchain.C_FLAGS
              + Toolchain.CPU_FLAGS
              + path.defines());
      for (Path p : sources) {
        sha.add(p.getFileName().toString());
        sha.add(Files.readAllBytes(p));
      }
      for (Path dir : List.of(tree.kernelInclude(), tree.board())) {
        try (Stream<Path> headers = Files.list(dir)) {
          for (Path h : headers.filter(f -> f.toString().endsWith(".h")).sorted().toList()) {
            sha.add(Files.readAllBytes(h));
          }
        }
      }
      return path.name().toLowerCase() + "-" + sha.hex().substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash C sources", e);
    }
  }

  private static void moveIntoPlace(Path tmp, Path dir) {
    try {
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new ToolchainException("cannot publish object cache " + dir + ": " + e.getMessage());
    } catch (IOException e) {
      if (!Files.isDirectory(dir)) {
        throw new UncheckedIOException("cannot publish object cache " + dir, e);
      }
      // Another build published the same key first: its objects are identical.
    }
  }
}
