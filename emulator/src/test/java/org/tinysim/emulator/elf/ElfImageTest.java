package org.tinysim.emulator.elf;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ElfImageTest {

  @Test
  void nonElfInputIsRejectedWithTheFileName() {
    assertThatThrownBy(
            () ->
                ElfImage.parse(
                    "not an elf at all, just text".getBytes(StandardCharsets.UTF_8), "notes.txt"))
        .isInstanceOf(ElfFormatException.class)
        .hasMessage("notes.txt is not an ELF file (bad magic or shorter than an ELF header)");
  }

  @Test
  void truncatedElfIsAFormatErrorNotACrash() {
    byte[] header = new byte[64];
    header[0] = 0x7f;
    header[1] = 'E';
    header[2] = 'L';
    header[3] = 'F';
    header[4] = 1;
    header[5] = 1;
    header[6] = 1;
    assertThatThrownBy(() -> ElfImage.parse(header, "cut.elf"))
        .isInstanceOf(ElfFormatException.class)
        .hasMessageStartingWith("cut.elf");
  }

  @Test
  void missingFileIsReported() {
    assertThatThrownBy(() -> ElfImage.load(Path.of("/nonexistent/firmware.elf")))
        .isInstanceOf(ElfFormatException.class)
        .hasMessageContaining("cannot read firmware /nonexistent/firmware.elf");
  }
}
