/**
 * Reading .tflite flatbuffers into plain records ({@link org.tinysim.engine.tflite.TfliteModel})
 * and writing them back ({@link org.tinysim.engine.tflite.TfliteWriter}, assembled with {@link
 * org.tinysim.engine.tflite.TfliteModelBuilder}). Accessors are hand-written over the schema field
 * ids and bounds-check every offset, so a damaged file raises {@link
 * org.tinysim.engine.tflite.ModelFormatException}; models the engine cannot compile raise {@link
 * org.tinysim.engine.tflite.UnsupportedOperatorException}.
 */
package org.tinysim.engine.tflite;
