package org.tinysim.harness.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code tinysim} command; each subcommand is its own class. */
@Command(
    name = "tinysim",
    mixinStandardHelpOptions = true,
    version = "tinysim 0.1.0",
    description = "STM32F746 emulator and int8 TFLite-to-C model compiler.",
    subcommands = {
      RunCommand.class,
      DebugCommand.class,
      DemoCommand.class,
      BenchCommand.class,
      CompileCommand.class,
      InferCommand.class,
      ReportCommand.class,
      GoldenCommand.class,
      ModelsCommand.class,
      TrainPlanCommand.class,
      TrainCommand.class,
      LabCommand.class,
      NewCommand.class,
      CleanCommand.class,
      InspectCommand.class,
      CommandLine.HelpCommand.class
    })
public final class TinysimCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Set by {@link #main}: output goes to the process's stdout/stderr, which may be a terminal. */
  static volatile boolean onProcessStreams;

  public static void main(String[] args) {
    onProcessStreams = true;
    System.exit(
        commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true))
            .execute(args));
  }

  /** The configured command line; tests pass their own writers. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new TinysimCli());
    cli.setOut(out);
    cli.setErr(err);
    ErrorHandler errors = new ErrorHandler(cli.getParameterExceptionHandler());
    cli.setExecutionExceptionHandler(errors);
    cli.setParameterExceptionHandler(errors);
    return cli;
  }

  @Override
  public void run() {
    // No subcommand: say what there is, as a usage error.
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "missing command (run, debug, demo, bench, compile, infer, report, golden, models, "
            + "train-plan, train, lab, new, clean, inspect)");
  }
}
