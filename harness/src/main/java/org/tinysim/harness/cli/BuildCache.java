package org.tinysim.harness.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The build folder as a cache of independent entries (each child of {@code models/} and {@code
 * lib/}, also under {@code custom-kernels/}: all rebuilt on demand), bounded in size: the least
 * recently used entries go first. An entry's last use is the newest modification time of anything
 * inside it, so rebuilding or relinking refreshes it. Entries used in the last {@link #IN_USE} are
 * kept, as another process may be building in them.
 */
final class BuildCache {

  /** Default bound; {@code $TINYSIM_BUILD_CACHE_MB} overrides it. */
  static final long DEFAULT_LIMIT_BYTES = 512L * 1024 * 1024;

  static final java.time.Duration IN_USE = java.time.Duration.ofMinutes(10);

  private static final List<String> GROUPS =
      List.of("models", "lib", "custom-kernels/models", "custom-kernels/lib");

  private final Path root;

  BuildCache(Path root) {
    this.root = root;
  }

  /** The limit from the environment, else the default. */
  static long limitFromEnvironment() {
    String env = System.getenv("TINYSIM_BUILD_CACHE_MB");
    if (env == null || env.isBlank()) {
      return DEFAULT_LIMIT_BYTES;
    }
    try {
      return Long.parseLong(env.strip()) * 1024 * 1024;
    } catch (NumberFormatException e) {
      throw new UserError(
          "$TINYSIM_BUILD_CACHE_MB must be a whole number of megabytes, not '" + env + "'");
    }
  }

  /** One cache entry: a folder, its size and its last use. */
  record Entry(Path dir, long bytes, FileTime lastUse) {}

  /** Entries, least recently used first. */
  List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    for (String group : GROUPS) {
      for (Path dir : children(root.resolve(group))) {
        entries.add(measure(dir));
      }
    }
    entries.sort(Comparator.comparing(Entry::lastUse));
    return entries;
  }

  /** Deletes least recently used entries until the cache holds at most {@code limit} bytes. */
  List<Entry> evict(long limit, FileTime now) {
    List<Entry> entries = entries();
    long total = entries.stream().mapToLong(Entry::bytes).sum();
    List<Entry> evicted = new ArrayList<>();
    FileTime recent = FileTime.from(now.toInstant().minus(IN_USE));
    for (Entry e : entries) {
      if (total <= limit || e.lastUse().compareTo(recent) > 0) {
        break;
      }
      delete(e.dir());
      total -= e.bytes();
      evicted.add(e);
    }
    return evicted;
  }

  /** Deletes the whole build folder; returns the bytes freed. */
  long clear() {
    long bytes = Files.exists(root) ? measure(root).bytes() : 0;
    delete(root);
    return bytes;
  }

  private static Entry measure(Path dir) {
    long bytes = 0;
    FileTime last = FileTime.fromMillis(0);
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.toList()) {
        FileTime t = Files.getLastModifiedTime(p);
        last = t.compareTo(last) > 0 ? t : last;
        if (Files.isRegularFile(p)) {
          bytes += Files.size(p);
        }
      }
    } catch (IOException e) {
      // Being deleted by another process: count what was seen.
    }
    return new Entry(dir, bytes, last);
  }

  private static List<Path> children(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the build folder " + dir, e);
    }
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UserError(
          "cannot delete " + dir + " from the build folder (" + OutputFiles.describe(e) + ")", e);
    }
  }
}
