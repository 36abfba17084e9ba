package org.tinysim.harness.cli;

import picocli.CommandLine.Option;

/** {@code --json}: a picocli mixin, so every command offers the flag the same way. */
final class JsonOutput {

  @Option(names = "--json", description = "print one JSON object instead of text")
  boolean requested;
}
