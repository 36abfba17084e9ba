package org.tinysim.harness.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code tinysim} command; each subcommand is its own class. */
@Command(name = "tinysim", mixinStandardHelpOptions = true, version = "tinysim 0.1.0",
    description = "STM32F746 emulator and int8 TFLite-to-C model compiler.",
    subcommands = {RunCommand.class, DebugCommand.class, DemoCommand.class, BenchCommand.class,
        CompileCommand.class, InferCommand.class, ReportCommand.class, GoldenCommand.class,
        ModelsCommand.class, TrainPlanCommand.class, TrainCommand.class, LabCommand.class, NewCommand.class,
        CommandLine.HelpCommand.class})
public final class TinysimCli implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true))
        .execute(args));
  }

  /** The configured command line; tests pass their own writers. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new TinysimCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new ErrorHandler());
    return cli;
  }

  @Override
  public void run() {
    // No subcommand: say what there is, as a usage error.
    throw new CommandLine.ParameterException(spec.commandLine(),
        "missing command (run, debug, demo, bench, compile, infer, report, golden, models, train-plan, train)");
  }
}
