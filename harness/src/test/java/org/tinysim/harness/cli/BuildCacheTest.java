package org.tinysim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCacheTest {

  @TempDir Path root;

  private Path entry(String group, String name, int bytes, Instant used) throws IOException {
    Path dir = Files.createDirectories(root.resolve(group).resolve(name));
    Path file = Files.write(dir.resolve("model.elf"), new byte[bytes]);
    Files.setLastModifiedTime(file, FileTime.from(used));
    Files.setLastModifiedTime(dir, FileTime.from(used));
    return dir;
  }

  @Test
  void evictsLeastRecentlyUsedEntriesDownToTheLimitAndKeepsRecentOnes() throws IOException {
    Instant now = Instant.parse("2026-12-07T12:00:00Z");
    Path oldest = entry("models", "a-1", 1000, now.minus(3, ChronoUnit.DAYS));
    Path older = entry("lib", "k-2", 1000, now.minus(2, ChronoUnit.DAYS));
    Path old = entry("custom-kernels/models", "b-3", 1000, now.minus(1, ChronoUnit.DAYS));
    Path recent = entry("models", "c-4", 5000, now.minus(1, ChronoUnit.MINUTES));
    Path source = Files.createDirectories(root.resolve("src").resolve("kernels"));

    var evicted = new BuildCache(root).evict(6000, FileTime.from(now));

    assertThat(evicted).extracting(BuildCache.Entry::dir).containsExactly(oldest, older);
    assertThat(old).exists();
    assertThat(recent).exists();
    assertThat(source).exists();
    // Over the limit but in use in the last minutes: kept.
    assertThat(new BuildCache(root).evict(0, FileTime.from(now)))
        .extracting(BuildCache.Entry::dir)
        .containsExactly(old);
    assertThat(recent).exists();
  }

  @Test
  void cleanRemovesTheBuildFolder() throws IOException {
    entry("models", "a-1", 1234, Instant.now());
    CliRun r = CliRun.of("clean", "--build-dir", root.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("removed " + root, "1,234 B");
    assertThat(root).doesNotExist();
  }
}
