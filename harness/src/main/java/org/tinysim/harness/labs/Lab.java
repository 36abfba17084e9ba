package org.tinysim.harness.labs;

import java.nio.file.Path;

/** One lab of the kit: its folder under {@code labs/} and the grader of a student directory. */
public interface Lab {

  int number();

  String title();

  /** Folder name under {@code labs/}, e.g. {@code lab2-conv}. */
  String folder();

  /** Files the student edits, relative to the checked directory (checked before grading). */
  java.util.List<String> studentFiles();

  /**
   * Grades {@code dir}.
   *
   * @param labDir the lab's own folder (README, starter, solution, harness files)
   * @param buildRoot the build root shared by all labs (kernel objects are cached there); a lab
   *     builds in {@code buildRoot/labs/<folder>}, never in the student's directory
   */
  LabReport check(Path dir, Path labDir, Path buildRoot);
}
