/**
 * Labelled image data sets read from IDX files: {@link org.tinysim.engine.dataset.IdxFile} and
 * Fashion-MNIST as Debian installs it.
 */
package org.tinysim.engine.dataset;
