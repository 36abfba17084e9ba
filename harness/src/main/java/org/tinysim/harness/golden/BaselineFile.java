package org.tinysim.harness.golden;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tinysim.engine.json.Json;
import org.tinysim.harness.toolchain.KernelPath;

/** Reads and writes {@code baseline-<path>.json}; key order is fixed so diffs stay readable. */
public final class BaselineFile {

  private BaselineFile() {}

  public static Optional<Figures> read(Path file, String shown) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new CaseFormatException("cannot read " + shown + ": " + e.getMessage(), e);
    }
    JsonFields json = JsonFields.root(Json.parse(text, shown, CaseFormatException::new), shown);
    json.onlyKeys(Set.of("kernelPath", "records", "fullSource", "outputs", "sram", "flash",
        "cycles", "accuracy"));
    JsonFields outputs = json.object("outputs");
    JsonFields sram = json.object("sram");
    JsonFields cycles = json.object("cycles");
    List<Figures.Layer> layers = new ArrayList<>();
    for (JsonFields l : cycles.objects("layers")) {
      layers.add(new Figures.Layer((int) l.integer("index"), l.string("op"),
          l.integer("cycles")));
    }
    Optional<Figures.Accuracy> accuracy = json.optObject("accuracy").map(a ->
        new Figures.Accuracy((int) a.integer("correct"), (int) a.integer("records")));
    return Optional.of(new Figures((int) json.integer("records"),
        json.bool("fullSource", true), (int) outputs.integer("recordBytes"),
        outputs.string("sha256"),
        new Figures.Sram(sram.integer("peak"), sram.integer("arena"), sram.integer("static"),
            sram.integer("stackAndHeap")),
        json.integer("flash"), cycles.integer("total"), layers, accuracy));
  }

  public static String write(KernelPath path, Figures f) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("kernelPath", path.name());
    root.put("records", f.records());
    root.put("fullSource", f.fullSource());
    Map<String, Object> outputs = new LinkedHashMap<>();
    outputs.put("file", GoldenCase.outputsFileName(path));
    outputs.put("sha256", f.outputsSha256());
    outputs.put("recordBytes", f.recordBytes());
    root.put("outputs", outputs);
    Map<String, Object> sram = new LinkedHashMap<>();
    sram.put("peak", f.sram().peak());
    sram.put("arena", f.sram().arena());
    sram.put("static", f.sram().staticBytes());
    sram.put("stackAndHeap", f.sram().stackAndHeap());
    root.put("sram", sram);
    root.put("flash", f.flash());
    Map<String, Object> cycles = new LinkedHashMap<>();
    cycles.put("total", f.cycles());
    List<Object> layers = new ArrayList<>();
    for (Figures.Layer l : f.layers()) {
      Map<String, Object> layer = new LinkedHashMap<>();
      layer.put("index", l.index());
      layer.put("op", l.op());
      layer.put("cycles", l.cycles());
      layers.add(layer);
    }
    cycles.put("layers", layers);
    root.put("cycles", cycles);
    f.accuracy().ifPresent(a -> {
      Map<String, Object> acc = new LinkedHashMap<>();
      acc.put("correct", a.correct());
      acc.put("records", a.records());
      root.put("accuracy", acc);
    });
    return Json.indented(root);
  }
}
