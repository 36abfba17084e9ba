package org.tinysim.engine.codegen;

/**
 * A graph input or output as the firmware exposes it: a sized ELF symbol inside the arena.
 *
 * @param symbol tinysim_input, tinysim_input_1, ..., tinysim_output, ...
 * @param tensor the IR tensor's name
 * @param offset arena offset
 * @param bytes size (int8 elements)
 */
public record IoBuffer(String symbol, String tensor, long offset, long bytes) {}
