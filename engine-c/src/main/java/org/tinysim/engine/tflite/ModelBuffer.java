package org.tinysim.engine.tflite;

/**
 * Raw bytes of one model buffer, empty for activation tensors. Data stored outside the flatbuffer
 * (the offset/size layout of models larger than 2 GB) is already resolved into {@code data}.
 */
public record ModelBuffer(byte[] data) {}
