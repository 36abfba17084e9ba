package org.tinysim.emulator.elf;

/** An allocated ELF section: where it lives at run time and whether the file carries its bytes. */
public record SectionInfo(
    String name,
    long address,
    long size,
    boolean hasFileData,
    boolean writable,
    boolean executable) {}
