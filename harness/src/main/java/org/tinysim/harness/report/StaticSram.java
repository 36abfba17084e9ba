package org.tinysim.harness.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.elf.SectionInfo;

/**
 * Static SRAM of an image per section (writable sections inside the 320 KB SRAM, without the
 * linker's heap/stack reservations), for breaking a measured peak down when only the peak is known
 * (the model runner reports the peak alone).
 */
public final class StaticSram {

  private static final long SRAM_BASE = 0x2000_0000L;
  private static final long SRAM_END = 0x2005_0000L;
  private static final Set<String> RESERVATIONS =
      Set.of(".stack", ".heap", "._user_heap_stack", ".stack_dummy");

  private StaticSram() {}

  public static Map<String, Long> sections(ElfImage image) {
    Map<String, Long> result = new LinkedHashMap<>();
    for (SectionInfo s : image.sections()) {
      if (s.writable()
          && s.address() >= SRAM_BASE
          && s.address() < SRAM_END
          && !RESERVATIONS.contains(s.name())) {
        result.merge(s.name(), s.size(), Long::sum);
      }
    }
    return result;
  }
}
