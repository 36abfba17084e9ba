package org.tinysim.engine.ir;

import java.util.SortedMap;

/**
 * Totals of a graph: operator counts by name, multiply-accumulates per inference, bytes of constant
 * tensors (weights, biases, shape/axis constants) and of the largest activation.
 */
public record GraphSummary(
    SortedMap<String, Integer> opHistogram,
    long totalMacs,
    long weightBytes,
    long largestActivationBytes) {}
