package org.tinysim.harness.labs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lab kit: the five labs and where their folders are. The folders live in the repository's
 * {@code labs/}; it is found from {@code -Dtinysim.labs}, {@code $TINYSIM_LABS}, the repository the
 * CLI jar was built in ({@code harness/target/tinysim.jar}), or the working directory and its
 * parents, in that order.
 */
public final class LabKit {

  public static final List<Lab> LABS =
      List.of(
          new BareMetalLab(),
          new ConvKernelLab(),
          new MemoryLab(),
          new PatchLab(),
          new TrainingLab());

  private final Path root;

  public LabKit(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The kit of this installation; fails with the places it looked in. */
  public static LabKit locate() {
    List<Path> tried = candidates();
    for (Path p : tried) {
      if (Files.isDirectory(p.resolve(LABS.get(0).folder()))) {
        return new LabKit(p);
      }
    }
    throw new IllegalArgumentException(
        "cannot find the labs/ folder; looked in "
            + tried
            + " (set TINYSIM_LABS=/path/to/tinysim/labs)");
  }

  public Path root() {
    return root;
  }

  public static Lab lab(int number) {
    return LABS.stream()
        .filter(l -> l.number() == number)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "there is no lab " + number + " (labs 1.." + LABS.size() + ")"));
  }

  public Path folder(Lab lab) {
    return root.resolve(lab.folder());
  }

  public Path starter(Lab lab) {
    return folder(lab).resolve("starter");
  }

  public Path solution(Lab lab) {
    return folder(lab).resolve("solution");
  }

  /** Grades {@code dir} (the lab's starter when null), building under {@code buildRoot}. */
  public LabReport check(Lab lab, Path dir, Path buildRoot) {
    Path target = (dir == null ? starter(lab) : dir).toAbsolutePath().normalize();
    if (!Files.isDirectory(target)) {
      throw new IllegalArgumentException(target + " is not a directory");
    }
    for (String f : lab.studentFiles()) {
      if (!Files.isRegularFile(target.resolve(f))) {
        throw new IllegalArgumentException(
            target
                + " has no "
                + f
                + " (lab "
                + lab.number()
                + " grades "
                + String.join(", ", lab.studentFiles())
                + "; copy the starter: cp -r "
                + starter(lab)
                + " DIR)");
      }
    }
    try {
      Files.createDirectories(buildRoot);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + buildRoot, e);
    }
    return lab.check(target, folder(lab), buildRoot.toAbsolutePath());
  }

  private static List<Path> candidates() {
    List<Path> out = new ArrayList<>();
    Optional.ofNullable(System.getProperty("tinysim.labs")).map(Path::of).ifPresent(out::add);
    Optional.ofNullable(System.getenv("TINYSIM_LABS"))
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .ifPresent(out::add);
    try {
      Path code = Path.of(LabKit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // harness/target/tinysim.jar or harness/target/classes -> <repository>/labs
      Path repo = code.getParent().getParent().getParent();
      if (repo != null) {
        out.add(repo.resolve("labs"));
      }
    } catch (URISyntaxException | NullPointerException e) {
      // no code source: only the other candidates
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      out.add(p.resolve("labs"));
    }
    return out;
  }
}
