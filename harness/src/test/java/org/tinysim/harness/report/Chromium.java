package org.tinysim.harness.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Headless Chromium taking a screenshot of a local page, with no network and a fresh profile. */
final class Chromium {

  static final Path BINARY = Path.of("/usr/bin/chromium");

  private Chromium() {}

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  static void screenshot(Path html, Path png, int width, int height, Path workDir)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(workDir, "chromium-profile");
    Path log = workDir.resolve("chromium.log");
    Process p =
        new ProcessBuilder(
                List.of(
                    BINARY.toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--hide-scrollbars",
                    "--user-data-dir=" + profile,
                    "--window-size=" + width + "," + height,
                    "--screenshot=" + png,
                    html.toUri().toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("chromium did not finish in 120 s; log " + log);
    }
    if (p.exitValue() != 0 || !Files.isRegularFile(png)) {
      throw new IllegalStateException(
          "chromium exited " + p.exitValue() + " without " + png + ":\n" + Files.readString(log));
    }
  }
}
