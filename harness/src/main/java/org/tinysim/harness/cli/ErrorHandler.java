package org.tinysim.harness.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.UncheckedIOException;
import org.tinysim.emulator.elf.ElfFormatException;
import org.tinysim.emulator.run.FirmwareDoesNotFitException;
import org.tinysim.emulator.run.FirmwareLoader;
import org.tinysim.engine.json.Json;
import org.tinysim.engine.oracle.interpreter.InterpreterException;
import org.tinysim.engine.tflite.ModelException;
import org.tinysim.harness.golden.CaseFormatException;
import org.tinysim.harness.toolchain.ToolchainException;
import picocli.CommandLine;

/**
 * Turns exceptions from a command into one line on stderr: input and environment problems exit with
 * 2, anything else is an internal error (exit 1) and still prints no stack trace unless {@code
 * -Dtinysim.trace=true}. With {@code --json}, stdout gets the error as one JSON object too, so a
 * pipeline reading stdout never sees it empty. Usage errors found while parsing the command line go
 * the same way.
 */
final class ErrorHandler
    implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

  static final int USAGE = 2;
  static final int INTERNAL = 1;

  /** picocli's own handler: message, then suggestions or the usage help on stderr. */
  private final CommandLine.IParameterExceptionHandler usageErrors;

  ErrorHandler(CommandLine.IParameterExceptionHandler usageErrors) {
    this.usageErrors = usageErrors;
  }

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    boolean user = isUserError(e);
    String prefix = user ? "tinysim: " : "tinysim: internal error: ";
    cli.getErr().println(prefix + oneLine(e));
    if (Boolean.getBoolean("tinysim.trace")) {
      e.printStackTrace(cli.getErr());
    }
    cli.getErr().flush();
    int code = user ? USAGE : INTERNAL;
    if (jsonRequested(parseResult)) {
      printJson(
          cli,
          new ErrorJson(
              new ErrorJson.Error(user ? "input" : "internal", oneLine(e), commandName(cli)),
              code));
    }
    return code;
  }

  @Override
  public int handleParseException(CommandLine.ParameterException e, String[] args)
      throws Exception {
    CommandLine cli = e.getCommandLine();
    int code = usageErrors.handleParseException(e, args);
    if (java.util.Arrays.asList(args).contains("--json")) {
      String where =
          e.getArgSpec() instanceof CommandLine.Model.OptionSpec o
              ? o.longestName()
              : e.getArgSpec() != null ? e.getArgSpec().paramLabel() : commandName(cli);
      printJson(cli, new ErrorJson(new ErrorJson.Error("usage", e.getMessage(), where), code));
    }
    return code;
  }

  /** The JSON printed on stdout for a failed command. */
  @JsonPropertyOrder({"error", "exitCode"})
  record ErrorJson(Error error, int exitCode) {

    /** {@code kind}: usage, input or internal; {@code location}: option or command. */
    @JsonPropertyOrder({"kind", "message", "location"})
    record Error(String kind, String message, String location) {}
  }

  private static void printJson(CommandLine cli, ErrorJson error) {
    cli.getOut().println(Json.compact(error));
    cli.getOut().flush();
  }

  private static boolean jsonRequested(CommandLine.ParseResult parseResult) {
    CommandLine.ParseResult last = parseResult;
    while (last != null && last.subcommand() != null) {
      last = last.subcommand();
    }
    return last != null && last.hasMatchedOption("--json");
  }

  private static String commandName(CommandLine cli) {
    return cli.getCommandSpec().qualifiedName(" ");
  }

  static boolean isUserError(Throwable e) {
    return e instanceof UserError
        || e instanceof ElfFormatException
        || e instanceof FirmwareDoesNotFitException
        || e instanceof FirmwareLoader.BadImageException
        || e instanceof ModelException
        || e instanceof ToolchainException
        || e instanceof UncheckedIOException
        || e instanceof InterpreterException
        || e instanceof CaseFormatException;
  }

  /** The message's first line; for compiler output, the first line gcc marked as an error too. */
  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof UncheckedIOException u && u.getCause() != null) {
      message = message + ": " + u.getCause().getMessage();
    }
    String[] lines = message.split("\\R");
    String first = lines[0].strip();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].contains("error")) {
        return first + " " + lines[i].strip();
      }
    }
    return first;
  }
}
