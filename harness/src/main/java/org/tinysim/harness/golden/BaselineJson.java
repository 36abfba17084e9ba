package org.tinysim.harness.golden;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Optional;
import org.tinysim.harness.toolchain.KernelPath;

/**
 * The layout of {@code baseline-<path>.json}; the property order is the file's line order, so a
 * re-bless diffs as changed numbers. {@code fullSource} defaults to true and {@code accuracy} is
 * absent when the inputs have no labels.
 */
@JsonPropertyOrder({
  "kernelPath",
  "records",
  "fullSource",
  "outputs",
  "sram",
  "flash",
  "cycles",
  "accuracy"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
record BaselineJson(
    @JsonProperty(required = true) KernelPath kernelPath,
    @JsonProperty(required = true) int records,
    Boolean fullSource,
    @JsonProperty(required = true) Outputs outputs,
    @JsonProperty(required = true) Sram sram,
    @JsonProperty(required = true) long flash,
    @JsonProperty(required = true) Cycles cycles,
    Accuracy accuracy) {

  @JsonPropertyOrder({"file", "sha256", "recordBytes"})
  record Outputs(
      String file,
      @JsonProperty(required = true) String sha256,
      @JsonProperty(required = true) int recordBytes) {}

  @JsonPropertyOrder({"peak", "arena", "static", "stackAndHeap"})
  record Sram(
      @JsonProperty(required = true) long peak,
      @JsonProperty(required = true) long arena,
      @JsonProperty(value = "static", required = true) long staticBytes,
      @JsonProperty(required = true) long stackAndHeap) {}

  @JsonPropertyOrder({"total", "layers"})
  record Cycles(
      @JsonProperty(required = true) long total,
      @JsonProperty(required = true) List<Layer> layers) {}

  @JsonPropertyOrder({"index", "op", "cycles"})
  record Layer(
      @JsonProperty(required = true) int index,
      @JsonProperty(required = true) String op,
      @JsonProperty(required = true) long cycles) {}

  @JsonPropertyOrder({"correct", "records"})
  record Accuracy(
      @JsonProperty(required = true) int correct, @JsonProperty(required = true) int records) {}

  static BaselineJson of(KernelPath path, Figures f) {
    return new BaselineJson(
        path,
        f.records(),
        f.fullSource(),
        new Outputs(GoldenCase.outputsFileName(path), f.outputsSha256(), f.recordBytes()),
        new Sram(
            f.sram().peak(), f.sram().arena(), f.sram().staticBytes(), f.sram().stackAndHeap()),
        f.flash(),
        new Cycles(
            f.cycles(),
            f.layers().stream().map(l -> new Layer(l.index(), l.op(), l.cycles())).toList()),
        f.accuracy().map(a -> new Accuracy(a.correct(), a.records())).orElse(null));
  }

  Figures figures() {
    return new Figures(
        records,
        fullSource == null || fullSource,
        outputs.recordBytes(),
        outputs.sha256(),
        new Figures.Sram(sram.peak(), sram.arena(), sram.staticBytes(), sram.stackAndHeap()),
        flash,
        cycles.total(),
        cycles.layers().stream()
            .map(l -> new Figures.Layer(l.index(), l.op(), l.cycles()))
            .toList(),
        Optional.ofNullable(accuracy).map(a -> new Figures.Accuracy(a.correct(), a.records())));
  }
}
