package org.tinysim.harness.golden;

import java.util.List;
import java.util.Optional;

/**
 * The numbers a baseline pins for one case and kernel path (also what a run measures).
 *
 * @param records inputs run
 * @param fullSource the records were the whole source (not a sample)
 * @param recordBytes output bytes per record (all graph outputs concatenated)
 * @param outputsSha256 hash over every record's outputs
 * @param cycles DWT cycles of the first record's inference
 * @param layers per-layer cycles of the first record
 * @param accuracy when the inputs have labels
 */
public record Figures(
    int records,
    boolean fullSource,
    int recordBytes,
    String outputsSha256,
    Sram sram,
    long flash,
    long cycles,
    List<Layer> layers,
    Optional<Accuracy> accuracy) {

  public Figures {
    layers = List.copyOf(layers);
  }

  /**
   * Peak SRAM and its parts.
   *
   * @param staticBytes .data/.bss/.noinit outside the arena
   * @param stackAndHeap peak minus everything static
   */
  public record Sram(long peak, long arena, long staticBytes, long stackAndHeap) {}

  public record Layer(int index, String op, long cycles) {}

  public record Accuracy(int correct, int records) {

    public double value() {
      return records == 0 ? 0 : (double) correct / records;
    }
  }
}
