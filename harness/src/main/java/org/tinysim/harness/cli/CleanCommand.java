package org.tinysim.harness.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tinysim.harness.report.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tinysim clean}: delete the build folder (generated C, objects, firmware). */
@Command(
    name = "clean",
    mixinStandardHelpOptions = true,
    description =
        "Delete the build folder (cached kernel objects, generated models, firmware). "
            + "It is otherwise kept under $TINYSIM_BUILD_CACHE_MB (default 512) MB, least recently "
            + "used entries first.")
public final class CleanCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin BuildRoot buildDir;

  @Override
  public Integer call() {
    Path root = buildDir.resolve();
    long freed = new BuildCache(root).clear();
    spec.commandLine().getOut().println("removed " + root + " (" + Format.count(freed) + " B)");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
