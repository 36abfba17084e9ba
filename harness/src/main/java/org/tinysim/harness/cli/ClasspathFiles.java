package org.tinysim.harness.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Copies named files of a classpath directory (bundled firmware sources) to disk, rewriting only
 * files whose bytes changed so builds stay incremental. Works the same from a jar or classes/.
 */
public final class ClasspathFiles {

  private ClasspathFiles() {}

  public static Path extract(String resourceDir, List<String> names, Path target) {
    try {
      Files.createDirectories(target);
      for (String name : names) {
        String resource = resourceDir + "/" + name;
        try (InputStream in = ClasspathFiles.class.getClassLoader().getResourceAsStream(resource)) {
          if (in == null) {
            throw new IllegalStateException(
                "bundled file "
                    + resource
                    + " is missing from the "
                    + "classpath (broken build of tinysim)");
          }
          byte[] bytes = in.readAllBytes();
          Path dest = target.resolve(name);
          if (!Files.exists(dest) || !Arrays.equals(Files.readAllBytes(dest), bytes)) {
            Files.write(dest, bytes);
          }
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write bundled sources to " + target, e);
    }
  }
}
