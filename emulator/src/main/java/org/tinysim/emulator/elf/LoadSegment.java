package org.tinysim.emulator.elf;

/** Bytes to place at a physical (load) address; memSize beyond the data is zero-filled. */
public record LoadSegment(
    long physicalAddress,
    long virtualAddress,
    byte[] data,
    long memSize,
    boolean writable,
    boolean executable) {}
