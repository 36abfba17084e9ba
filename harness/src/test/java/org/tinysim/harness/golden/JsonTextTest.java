package org.tinysim.harness.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
    String text = JsonText.write(root);

    assertThat(text).isEqualTo("{\n  \"z\": 1,\n  \"a\": {\n    \"x\": 2.5\n  },\n"
        + "  \"layers\": [\n    { \"index\": 0, \"op\": \"CONV_2D\" }\n  ]\n}\n");
    assertThat(JsonText.parse(text, "f")).isEqualTo(root);
    assertThat(List.copyOf(((Map<?, ?>) JsonText.parse(text, "f")).keySet()))
        .isEqualTo(List.of("z", "a", "layers"));
  }

  @Test
  void errorsGiveLineAndColumnAndRejectDuplicates() {
    assertThatThrownBy(() -> JsonText.parse("{\"a\": 1,\n \"a\": 2}", "x.json"))
        .hasMessage("x.json:2:7: duplicate key \"a\"");
    assertThatThrownBy(() -> JsonText.parse("[1, 2", "x.json"))
        .hasMessage("x.json:1:6: expected ']'");
    assertThatThrownBy(() -> JsonText.parse("{\"a\": ", "x.json"))
        .hasMessage("x.json:1:7: unexpected end of file");
    assertThat(JsonText.parse("\"\\u00e9\\n\"", "x")).isEqualTo("é\n");
  }
}
