package org.tinysim.engine.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.function.Function;

/**
 * The project's one JSON library set-up (Jackson): reading spec, case and baseline files with
 * errors that name the file, line, column and JSON Pointer; writing the CLI's one-line output and
 * the golden files' diff-friendly layout.
 */
public final class Json {

  private static final ObjectMapper READER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_LONG_FOR_INTS)
          // Records: a typo'd or missing field, 2.5 for an int or "5" for a number is an error.
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .build();

  // Non-ASCII escaped: the output is the same whatever the terminal's encoding.
  private static final ObjectMapper WRITER =
      JsonMapper.builder()
          .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
          .addModule(
              new SimpleModule()
                  .addSerializer(Double.class, new FiniteOrNull())
                  .addSerializer(Float.class, new FiniteOrNull())
                  .addSerializer(double.class, new FiniteOrNull())
                  .addSerializer(float.class, new FiniteOrNull()))
          .build();

  private Json() {}

  /**
   * Parses {@code text} into maps (key order kept), lists, strings, Long, Double, Boolean and null.
   * {@code source} names the file in errors; {@code error} makes the caller's exception from a
   * message such as {@code case.json:2:7: at /a: Duplicate field 'a'}.
   */
  public static Object parse(
      String text, String source, Function<String, ? extends RuntimeException> error) {
    try {
      return READER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw error.apply(describe(e, source));
    }
  }

  /**
   * Reads {@code text} into a record; errors as for {@link #parse(String, String, Function)},
   * naming the JSON Pointer of the offending field.
   */
  public static <T> T read(
      String text,
      Class<T> type,
      String source,
      Function<String, ? extends RuntimeException> error) {
    try {
      return READER.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw error.apply(describe(e, source));
    }
  }

  /** Parses {@code text} that this program wrote; a syntax error is a bug, not bad input. */
  public static Object parse(String text) {
    return parse(text, "JSON text", IllegalArgumentException::new);
  }

  /** One line: maps in insertion order, non-finite numbers as null, non-ASCII escaped. */
  public static String compact(Object value) {
    try {
      return WRITER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Indented for files under version control: one key per line, objects inside lists one per line,
   * so a re-bless diffs as a list of changed numbers. Ends with a newline.
   */
  public static String indented(Object value) {
    try {
      return WRITER.writer(new GoldenLayout()).writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String describe(JsonProcessingException e, String source) {
    JsonLocation at = e.getLocation();
    String where = at == null ? source : source + ":" + at.getLineNr() + ":" + at.getColumnNr();
    String pointer = pointer(e);
    return where
        + ": "
        + (pointer.isEmpty() ? "" : "at " + pointer + ": ")
        + firstLine(e.getOriginalMessage()).replaceAll("\\[Source: [^;]*; ", "[");
  }

  /** The JSON Pointer of the value being read when the error happened ("" at the top level). */
  private static String pointer(JsonProcessingException e) {
    if (e instanceof StreamReadException s && s.getProcessor() != null) {
      JsonStreamContext context = s.getProcessor().getParsingContext();
      return context == null ? "" : context.pathAsPointer().toString();
    }
    if (e instanceof JsonMappingException m) {
      StringBuilder out = new StringBuilder();
      for (JsonMappingException.Reference r : m.getPath()) {
        out.append('/')
            .append(
                r.getFieldName() != null
                    ? r.getFieldName().replace("~", "~0").replace("/", "~1")
                    : String.valueOf(r.getIndex()));
      }
      return out.toString();
    }
    return "";
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** JSON has no NaN or infinities: write null, as a missing measurement. */
  private static final class FiniteOrNull extends StdSerializer<Number> {

    FiniteOrNull() {
      super(Number.class);
    }

    @Override
    public void serialize(Number value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      // Floats are written as the double they widen to, as before.
      double d = value.doubleValue();
      if (Double.isFinite(d)) {
        gen.writeNumber(d);
      } else {
        gen.writeNull();
      }
    }
  }
}
