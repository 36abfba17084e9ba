package org.tinysim.harness.cli;

import java.io.UncheckedIOException;
import org.tinysim.emulator.elf.ElfFormatException;
import org.tinysim.emulator.run.FirmwareDoesNotFitException;
import org.tinysim.emulator.run.FirmwareLoader;
import org.tinysim.engine.oracle.interpreter.InterpreterException;
import org.tinysim.engine.tflite.ModelException;
import org.tinysim.harness.toolchain.ToolchainException;
import picocli.CommandLine;

/**
 * Turns exceptions from a command into one line on stderr: input and environment problems exit
 * with 2, anything else is an internal error (exit 1) and still prints no stack trace unless
 * {@code -Dtinysim.trace=true}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

  static final int USAGE = 2;
  static final int INTERNAL = 1;

  @Override
  public int handleExecutionException(Exception e, CommandLine cli,
      CommandLine.ParseResult parseResult) {
    boolean user = isUserError(e);
    String prefix = user ? "tinysim: " : "tinysim: internal error: ";
    cli.getErr().println(prefix + oneLine(e));
    if (Boolean.getBoolean("tinysim.trace")) {
      e.printStackTrace(cli.getErr());
    }
    cli.getErr().flush();
    return user ? USAGE : INTERNAL;
  }

  static boolean isUserError(Throwable e) {
    return e instanceof UserError || e instanceof ElfFormatException
        || e instanceof FirmwareDoesNotFitException || e instanceof FirmwareLoader.BadImageException
        || e instanceof ModelException || e instanceof ToolchainException
        || e instanceof UncheckedIOException || e instanceof InterpreterException;
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
