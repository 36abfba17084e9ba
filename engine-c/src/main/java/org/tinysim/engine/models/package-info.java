/**
 * The bundled Fashion-MNIST models: architectures, recipes (seeds and training settings) and
 * the regeneration pipeline train -> calibrate -> int8 .tflite used by {@code tinysim models}.
 */
package org.tinysim.engine.models;
