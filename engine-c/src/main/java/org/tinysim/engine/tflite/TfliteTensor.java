package org.tinysim.engine.tflite;

/**
 * A tensor of a subgraph as stored. {@code buffer} indexes the model's buffers (0 = no data);
 * {@code shapeSignature} is null when the file has none (-1 entries mark dynamic dimensions).
 */
public record TfliteTensor(
    String name,
    int[] shape,
    int[] shapeSignature,
    TensorType type,
    long buffer,
    TfliteQuantization quantization,
    boolean isVariable) {}
