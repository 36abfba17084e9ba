package org.tinysim.harness.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.tinysim.engine.json.Json;

/** Runs the tinysim command line in-process with captured stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        TinysimCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Where tests build firmware: under the module's target/, shared so object caches persist. */
  static Path buildRoot() {
    return Path.of("target", "tinysim-build").toAbsolutePath();
  }

  Object json() {
    return Json.parse(out.strip());
  }
}
