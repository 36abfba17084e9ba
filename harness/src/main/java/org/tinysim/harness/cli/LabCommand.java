package org.tinysim.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tinysim.engine.json.Json;
import org.tinysim.harness.labs.Lab;
import org.tinysim.harness.labs.LabKit;
import org.tinysim.harness.labs.LabReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tinysim lab list} and {@code tinysim lab check N [DIR]}: the teaching labs' grader. */
@Command(
    name = "lab",
    mixinStandardHelpOptions = true,
    description = "The teaching labs in labs/: list them, or grade a student directory.",
    subcommands = {LabCommand.ListLabs.class, LabCommand.Check.class})
public final class LabCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new UserError("missing subcommand: tinysim lab list | tinysim lab check N [DIR]");
  }

  static LabKit kit() {
    try {
      return LabKit.locate();
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /** {@code tinysim lab list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the labs.")
  static final class ListLabs implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      LabKit kit = kit();
      PrintWriter out = spec.commandLine().getOut();
      for (Lab lab : LabKit.LABS) {
        out.printf("%d  %-60s %s%n", lab.number(), lab.title(), kit.folder(lab));
      }
      out.flush();
      return 0;
    }
  }

  /** {@code tinysim lab check N [DIR]}: exit 0 only when every criterion passes. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description =
          "Grade DIR (default: the lab's own starter) against lab N: builds and runs it "
              + "on the emulated board and reports each criterion with a hint on failure. Exit 0 "
              + "when all pass, 1 when one fails.")
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "N", description = "lab number (1..5)")
    int number;

    @Parameters(
        index = "1",
        arity = "0..1",
        paramLabel = "DIR",
        description = "the student's directory (default: the lab's starter)")
    Path dir;

    @Mixin JsonOutput json;

    @Mixin BuildRoot buildDir;

    @Override
    public Integer call() {
      LabKit kit = kit();
      LabReport report;
      try {
        report = kit.check(LabKit.lab(number), dir, buildDir.resolve());
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage(), e);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.print(
          json.requested
              ? Json.compact(report.toJson()) + System.lineSeparator()
              : report.toText());
      out.flush();
      return report.passed() ? 0 : 1;
    }
  }
}
