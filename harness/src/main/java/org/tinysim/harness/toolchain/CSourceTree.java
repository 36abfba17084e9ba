package org.tinysim.harness.toolchain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The C sources a firmware is built from, as directories on disk: the tsn kernels (classpath {@code
 * kernels/}, from the kernels-cmsis jar) and the board support C: startup, linker script,
 * semihosting (classpath {@code board/}, from engine-c's {@code src/main/c/board}). Directories on
 * the classpath are used as they are; resources inside jars are copied under {@code extractRoot}.
 */
public record CSourceTree(Path kernels, Path board) {

  public static final List<String> BOARD_SOURCES =
      List.of("startup_stm32f746.c", "semihosting.c", "syscalls.c", "board.c");

  public static CSourceTree locate(Path extractRoot) {
    return new CSourceTree(
        directoryOf("kernels", "Include/tsn_nnfunctions.h", extractRoot),
        directoryOf("board", "stm32f746.ld", extractRoot));
  }

  public Path kernelInclude() {
    return kernels.resolve("Include");
  }

  public Path linkerScript() {
    return board.resolve("stm32f746.ld");
  }

  /** Every kernel .c file, sorted (Include/ holds headers only). */
  public List<Path> kernelSources() {
    try (Stream<Path> files = Files.walk(kernels)) {
      return files.filter(p -> p.toString().endsWith(".c")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list kernel sources in " + kernels, e);
    }
  }

  public List<Path> boardSources() {
    return BOARD_SOURCES.stream().map(board::resolve).toList();
  }

  private static Path directoryOf(String prefix, String marker, Path extractRoot) {
    String resource = prefix + "/" + marker;
    URL url = CSourceTree.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new ToolchainException(
          "C sources '"
              + resource
              + "' are not on the classpath "
              + "(is the kernels-cmsis / engine-c jar missing?)");
    }
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("file")) {
        Path file = Path.of(uri);
        return climb(file, marker.split("/").length);
      }
      if (uri.getScheme().equals("jar")) {
        return extract(uri, prefix, extractRoot.resolve(prefix));
      }
    } catch (URISyntaxException | IOException e) {
      throw new ToolchainException("cannot read C sources from " + url + ": " + e.getMessage(), e);
    }
    throw new ToolchainException("unsupported classpath location for C sources: " + url);
  }

  private static Path climb(Path file, int levels) {
    Path dir = file;
    for (int i = 0; i < levels; i++) {
      dir = dir.getParent();
    }
    return dir;
  }

  /** Copies a jar directory to disk, rewriting only files whose bytes changed. */
  private static Path extract(URI jarUri, String prefix, Path target) throws IOException {
    FileSystem fs;
    boolean opened = false;
    try {
      fs = FileSystems.newFileSystem(jarUri, Map.of());
      opened = true;
    } catch (FileSystemAlreadyExistsException e) {
      fs = FileSystems.getFileSystem(jarUri);
    }
    try (Stream<Path> walk = Files.walk(fs.getPath("/" + prefix))) {
      for (Path source : (Iterable<Path>) walk::iterator) {
        Path rel = fs.getPath("/" + prefix).relativize(source);
        Path dest = target.resolve(rel.toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(dest);
        } else {
          byte[] bytes = Files.readAllBytes(source);
          if (!Files.exists(dest) || !Arrays.equals(Files.readAllBytes(dest), bytes)) {
            Files.createDirectories(dest.getParent());
            Files.write(dest, bytes);
          }
        }
      }
    } finally {
      if (opened) {
        fs.close();
      }
    }
    return target;
  }
}
