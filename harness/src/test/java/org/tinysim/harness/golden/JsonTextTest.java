package org.tinysim.harness.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.json.Json;

class JsonTextTest {

  @Test
  void writesOneNumberPerLineAndParsesBackInOrder() {
    Map<String, Object> layer = new LinkedHashMap<>();
    layer.put("index", 0L);
    layer.put("op", "CONV_2D");
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("z", 1L);
    root.put("a", Map.of("x", 2.5));
    root.put("layers", List.of(layer));
    String text = Json.indented(root);

    assertThat(text)
        .isEqualTo(
            "{\n  \"z\": 1,\n  \"a\": {\n    \"x\": 2.5\n  },\n"
                + "  \"layers\": [\n    { \"index\": 0, \"op\": \"CONV_2D\" }\n  ]\n}\n");
    assertThat(Json.parse(text, "f", CaseFormatException::new)).isEqualTo(root);
    assertThat(List.copyOf(((Map<?, ?>) Json.parse(text, "f", CaseFormatException::new)).keySet()))
        .isEqualTo(List.of("z", "a", "layers"));
  }

  @Test
  void errorsGiveLineAndColumnAndRejectDuplicates() {
    assertThatThrownBy(
            () -> Json.parse("{\"a\": 1,\n \"a\": 2}", "x.json", CaseFormatException::new))
        .hasMessage("x.json:2:5: at /a: Duplicate field 'a'");
    assertThatThrownBy(() -> Json.parse("[1, 2", "x.json", CaseFormatException::new))
        .hasMessage(
            "x.json:1:6: at /1: Unexpected end-of-input: expected close marker for "
                + "Array (start marker at [line: 1, column: 1])");
    assertThatThrownBy(() -> Json.parse("{\"a\": ", "x.json", CaseFormatException::new))
        .hasMessage("x.json:1:7: at /a: Unexpected end-of-input within/between Object entries");
    assertThat(Json.parse("\"\\u00e9\\n\"", "x", CaseFormatException::new)).isEqualTo("é\n");
  }
}
