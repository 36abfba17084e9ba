package org.tinysim.engine.tflite;

/** A named metadata entry pointing at a model buffer. */
public record TfliteMetadata(String name, long buffer) {}
