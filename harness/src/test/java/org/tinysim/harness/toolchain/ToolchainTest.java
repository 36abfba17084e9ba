package org.tinysim.harness.toolchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolchainTest {

  @TempDir Path tmp;

  private static Path buildRoot() {
    return Path.of("target", "tinysim-build").toAbsolutePath();
  }

  @Test
  void missingCompilerSaysHowToInstallIt() {
    assertThatThrownBy(() -> Toolchain.locate(null, null, tmp.toString()))
        .isInstanceOf(ToolchainException.class)
        .hasMessageContaining("install gcc-arm-none-eabi (scripts/setup.sh)");
    assertThatThrownBy(() -> Toolchain.locate(tmp.resolve("nope-gcc").toString(), null, ""))
        .hasMessageContaining("nope-gcc")
        .hasMessageContaining("not executable");
  }

  @Test
  void findsKernelAndRuntimeSourcesOnTheClasspath() {
    CSourceTree tree = CSourceTree.locate(buildRoot().resolve("src"));
    assertThat(tree.kernelSources())
        .extracting(p -> p.getFileName().toString())
        .contains("tsn_convolve_s8.c", "tsn_depthwise_conv_3x3_s8.c", "tsn_softmax_s8.c");
    assertThat(tree.kernelInclude().resolve("tsn_nnfunctions.h")).isRegularFile();
    assertThat(tree.linkerScript()).isRegularFile();
    assertThat(tree.boardSources()).allMatch(Files::isRegularFile);
  }

  @Test
  void compilerErrorsCarryTheCompilersMessage() throws Exception {
    Files.writeString(tmp.resolve("broken.c"), "int main(void) { return undefined_thing; }\n");
    FirmwareBuilder builder = new FirmwareBuilder(Toolchain.locate(), buildRoot());
    assertThatThrownBy(() -> builder.build("broken", tmp, List.of("broken.c"), KernelPath.DSP))
        .isInstanceOf(ToolchainException.class)
        .hasMessageContaining("broken.c")
        .hasMessageContaining("undefined_thing")
        .hasMessageContaining("error:");
  }

  @Test
  void kernelObjectsAreCompiledOncePerKernelPath() throws Exception {
    FirmwareBuilder builder = new FirmwareBuilder(Toolchain.locate(), buildRoot());
    List<Path> first = builder.libraryObjects(KernelPath.PORTABLE);
    FileTime stamp = Files.getLastModifiedTime(first.get(0));
    List<Path> again = builder.libraryObjects(KernelPath.PORTABLE);
    assertThat(again).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(again.get(0))).isEqualTo(stamp);
    assertThat(builder.libraryObjects(KernelPath.DSP).get(0).getParent())
        .isNotEqualTo(first.get(0).getParent());
    assertThat(first)
        .extracting(p -> p.getFileName().toString())
        .contains("tsn_convolve_s8.o", "startup_stm32f746.o");
  }

  @Test
  void linksAMinimalFirmware() throws Exception {
    Files.writeString(tmp.resolve("app.c"), "int main(void) { return 0; }\n");
    Path elf =
        new FirmwareBuilder(Toolchain.locate(), buildRoot())
            .build("app", tmp, List.of("app.c"), KernelPath.DSP);
    assertThat(elf).isRegularFile().hasFileName("app-dsp.elf");
    byte[] head = Files.readAllBytes(elf);
    assertThat(new String(head, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ELF");
  }
}
