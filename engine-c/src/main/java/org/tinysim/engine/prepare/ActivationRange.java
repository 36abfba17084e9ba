package org.tinysim.engine.prepare;

/** Clamp bounds of a quantised output after its fused activation. */
public record ActivationRange(int min, int max) {}
