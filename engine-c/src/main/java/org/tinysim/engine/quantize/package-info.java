/**
 * Post-training int8 quantisation of {@link org.tinysim.engine.floatnet.FloatNetwork}s into
 * ordinary .tflite files: calibrated asymmetric activations, per-channel symmetric weights, int32
 * biases, written with {@link org.tinysim.engine.tflite.TfliteWriter}.
 */
package org.tinysim.engine.quantize;
