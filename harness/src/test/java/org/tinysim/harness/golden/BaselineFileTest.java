package org.tinysim.harness.golden;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinysim.harness.toolchain.KernelPath;

class BaselineFileTest {

  @TempDir Path tmp;

  private String edited(String from, String to) throws IOException {
    String good =
        BaselineFile.write(
            KernelPath.DSP,
            new Figures(
                2,
                true,
                10,
                "ab",
                new Figures.Sram(100, 60, 30, 10),
                5000,
                900,
                List.of(new Figures.Layer(0, "ADD", 900)),
                Optional.empty()));
    Path file = tmp.resolve("baseline-dsp.json");
    Files.writeString(file, good.replace(from, to));
    return file.toString();
  }

  @Test
  void errorsNameTheFileLineColumnFieldAndWhatWasExpected() throws IOException {
    String file = edited("\"peak\": 100", "\"peak\": 1.5");
    assertThatThrownBy(() -> BaselineFile.read(Path.of(file), "b.json"))
        .isInstanceOf(CaseFormatException.class)
        .hasMessageStartingWith("b.json:11:13: at /sram/peak: Cannot coerce Floating-point");

    String missing = edited("    \"sha256\": \"ab\",\n", "");
    assertThatThrownBy(() -> BaselineFile.read(Path.of(missing), "b.json"))
        .hasMessageStartingWith("b.json:")
        .hasMessageContaining("at /outputs/sha256: Missing required creator property 'sha256'");

    String typo = edited("\"flash\"", "\"flsh\": 1,\n  \"flash\"");
    assertThatThrownBy(() -> BaselineFile.read(Path.of(typo), "b.json"))
        .hasMessageStartingWith("b.json:")
        .hasMessageContaining("at /flsh: Unrecognized field \"flsh\"");
  }
}
