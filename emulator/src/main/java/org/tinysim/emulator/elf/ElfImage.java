package org.tinysim.emulator.elf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.fornwall.jelf.ElfException;
import net.fornwall.jelf.ElfFile;
import net.fornwall.jelf.ElfSection;
import net.fornwall.jelf.ElfSegment;

/**
 * A bare-metal firmware image: what to load where, its allocated sections and its symbols (kept for
 * fault reports and profiles). Parsing is jelf's; this class only selects what the board needs.
 */
public final class ElfImage {
  private static final int PT_LOAD = 1;
  private static final int SHF_WRITE = 0x1;
  private static final int SHF_ALLOC = 0x2;
  private static final int SHF_EXECINSTR = 0x4;
  private static final int SHT_NOBITS = 8;
  private static final int STT_OBJECT = 1;
  private static final int STT_FUNC = 2;

  private final String source;
  private final long entry;
  private final List<LoadSegment> segments;
  private final List<SectionInfo> sections;
  private final List<ElfSymbol> symbolsByAddress;
  private final Map<String, ElfSymbol> symbolsByName;

  private ElfImage(
      String source,
      long entry,
      List<LoadSegment> segments,
      List<SectionInfo> sections,
      List<ElfSymbol> symbols) {
    this.source = source;
    this.entry = entry;
    this.segments = List.copyOf(segments);
    this.sections = List.copyOf(sections);
    List<ElfSymbol> sorted = new ArrayList<>(symbols);
    sorted.sort(Comparator.comparingLong(ElfSymbol::address));
    this.symbolsByAddress = Collections.unmodifiableList(sorted);
    Map<String, ElfSymbol> byName = new HashMap<>();
    for (ElfSymbol s : symbols) {
      byName.putIfAbsent(s.name(), s);
    }
    this.symbolsByName = byName;
  }

  public static ElfImage load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ElfFormatException("cannot read firmware " + file + ": " + e.getMessage(), e);
    }
    return parse(bytes, file.toString());
  }

  public static ElfImage parse(byte[] bytes, String source) {
    if (bytes.length < 52
        || bytes[0] != 0x7f
        || bytes[1] != 'E'
        || bytes[2] != 'L'
        || bytes[3] != 'F') {
      throw new ElfFormatException(
          source + " is not an ELF file (bad magic or shorter than an ELF header)");
    }
    try {
      ElfFile elf = ElfFile.from(bytes);
      if (!elf.is32Bits() || elf.ei_data != ElfFile.DATA_LSB || elf.e_machine != ElfFile.ARCH_ARM) {
        throw new ElfFormatException(
            source + " is not a 32-bit little-endian ARM ELF (machine " + elf.e_machine + ")");
      }
      return new ElfImage(
          source,
          elf.e_entry,
          readSegments(elf, bytes, source),
          readSections(elf),
          readSymbols(elf));
    } catch (RuntimeException e) {
      if (e instanceof ElfFormatException fe) {
        throw fe;
      }
      throw new ElfFormatException(source + " is a malformed ELF file: " + e.getMessage(), e);
    }
  }

  private static List<LoadSegment> readSegments(ElfFile elf, byte[] bytes, String source) {
    List<LoadSegment> result = new ArrayList<>();
    for (int i = 0; i < elf.e_phnum; i++) {
      ElfSegment ph = elf.getProgramHeader(i);
      if (ph.p_type != PT_LOAD || ph.p_memsz == 0) {
        continue;
      }
      if (ph.p_offset < 0 || ph.p_filesz < 0 || ph.p_offset + ph.p_filesz > bytes.length) {
        throw new ElfFormatException(
            String.format(
                "%s: segment %d claims bytes [0x%X, +0x%X) beyond the "
                    + "file's %d bytes (truncated file?)",
                source, i, ph.p_offset, ph.p_filesz, bytes.length));
      }
      byte[] data = Arrays.copyOfRange(bytes, (int) ph.p_offset, (int) (ph.p_offset + ph.p_filesz));
      result.add(
          new LoadSegment(
              ph.p_paddr & 0xFFFFFFFFL,
              ph.p_vaddr & 0xFFFFFFFFL,
              data,
              ph.p_memsz,
              ph.isWriteable(),
              ph.isExecutable()));
    }
    if (result.isEmpty()) {
      throw new ElfFormatException(source + " has no loadable segment");
    }
    return result;
  }

  private static List<SectionInfo> readSections(ElfFile elf) throws ElfException {
    List<SectionInfo> result = new ArrayList<>();
    for (int i = 1; i < elf.e_shnum; i++) {
      ElfSection s = elf.getSection(i);
      if ((s.header.sh_flags & SHF_ALLOC) == 0 || s.header.sh_size == 0) {
        continue;
      }
      result.add(
          new SectionInfo(
              s.header.getName(),
              s.header.sh_addr & 0xFFFFFFFFL,
              s.header.sh_size,
              s.header.sh_type != SHT_NOBITS,
              (s.header.sh_flags & SHF_WRITE) != 0,
              (s.header.sh_flags & SHF_EXECINSTR) != 0));
    }
    return result;
  }

  private static List<ElfSymbol> readSymbols(ElfFile elf) throws ElfException {
    var table = elf.getSymbolTableSection();
    if (table == null) {
      return List.of();
    }
    List<ElfSymbol> result = new ArrayList<>();
    for (var sym : table.symbols) {
      int type = sym.getType();
      String name = sym.getName();
      if (name == null || name.isEmpty() || name.startsWith("$")) {
        continue;
      }
      boolean function = type == STT_FUNC;
      long address = sym.st_value & 0xFFFFFFFFL;
      if (function) {
        address &= ~1L;
      }
      if (type == STT_FUNC || type == STT_OBJECT || type == 0) {
        result.add(new ElfSymbol(name, address, sym.st_size, function));
      }
    }
    return result;
  }

  public String source() {
    return source;
  }

  public long entry() {
    return entry;
  }

  public List<LoadSegment> segments() {
    return segments;
  }

  public List<SectionInfo> sections() {
    return sections;
  }

  public List<ElfSymbol> symbols() {
    return symbolsByAddress;
  }

  public Optional<ElfSymbol> symbol(String name) {
    return Optional.ofNullable(symbolsByName.get(name));
  }

  public Optional<Long> symbolAddress(String name) {
    return symbol(name).map(ElfSymbol::address);
  }

  /** The function containing {@code address}, e.g. for "in conv2d_s8+0x3c". */
  public Optional<ElfSymbol> functionAt(long address) {
    ElfSymbol best = null;
    for (ElfSymbol s : symbolsByAddress) {
      if (s.address() > address) {
        break;
      }
      if (s.function() && s.contains(address)) {
        best = s;
      }
    }
    return Optional.ofNullable(best);
  }

  /** "name+0xoff" for an address in a known function, else the bare hex address. */
  public String describeCodeAddress(long address) {
    return functionAt(address)
        .map(
            s ->
                address == s.address()
                    ? s.name()
                    : String.format("%s+0x%x", s.name(), address - s.address()))
        .orElse(String.format("0x%08x", address));
  }
}
