package org.tinysim.harness.training;

import java.nio.file.Path;
import org.tinysim.engine.training.TrainingProgram;
import org.tinysim.engine.training.codegen.GeneratedTraining;
import org.tinysim.engine.training.codegen.TrainingCodeGenerator;
import org.tinysim.harness.Sha256;
import org.tinysim.harness.toolchain.FirmwareBuilder;
import org.tinysim.harness.toolchain.KernelPath;
import org.tinysim.harness.toolchain.Toolchain;

/**
 * A training program compiled to firmware, in {@code buildRoot/training/<model>-<content hash>}.
 *
 * @param elf the firmware
 * @param code the generated sources and the symbols the host drives
 */
public record TrainingFirmware(String name, Path elf, GeneratedTraining code) {

  /** Generates, writes and builds the training firmware of {@code program}. */
  public static TrainingFirmware build(TrainingProgram program, Path buildRoot) {
    GeneratedTraining code = new TrainingCodeGenerator().generate(program);
    String name = code.forward().name().replaceAll("[^A-Za-z0-9_.-]", "_");
    Path dir = buildRoot.toAbsolutePath().resolve("training").resolve(name + "-" + hash(code));
    code.writeTo(dir);
    FirmwareBuilder builder = new FirmwareBuilder(Toolchain.locate(), buildRoot);
    Path elf = builder.build("train", dir, code.sourceFiles(), KernelPath.DSP);
    return new TrainingFirmware(name, elf, code);
  }

  private static String hash(GeneratedTraining code) {
    Sha256 sha = Sha256.start();
    code.files().forEach((file, text) -> sha.add(file).add(text));
    return sha.hex().substring(0, 12);
  }
}
