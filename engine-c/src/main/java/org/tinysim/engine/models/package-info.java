/**
<<<<<<< HEAD
 * Models this project generates itself as ordinary .tflite files (seeded int8 weights, not
 * trained): {@link org.tinysim.engine.models.MobileNetV2Patchable}, committed under models/,
 * and {@link org.tinysim.engine.models.PatchCoverageModel}, a small graph for patch tests.
=======
 * The bundled Fashion-MNIST models: architectures, recipes (seeds and training settings) and
 * the regeneration pipeline train -> calibrate -> int8 .tflite used by {@code tinysim models}.
>>>>>>> ttecomp
 */
package org.tinysim.engine.models;
