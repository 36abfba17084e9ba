package org.tinysim.engine.training;

/**
 * One spec entry. {@code selector} is an op index ({@code "12"} or {@code "#12"}), the name of the
 * op's output tensor or weight tensor, or a unique prefix of an output tensor name.
 */
public record LayerRule(String selector, UpdateRule rule) {}
