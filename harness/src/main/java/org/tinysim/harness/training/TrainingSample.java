package org.tinysim.harness.training;

/** One labelled sample, already quantised to the model's int8 input. */
public record TrainingSample(byte[] input, int label) {}
