package org.tinysim.harness.cli;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A small flatbuffer writer for test models. Unlike the official builder it lays objects out front
 * to back: a table, then the children it points to, so every uoffset points forward. Every inline
 * field gets a 4-byte slot (scalars up to 32 bits, or a uoffset).
 */
final class FlatWriter {

  /** A table: field id -> scalar (Integer/Float) or child (Table, Str, Ints, Floats, ...). */
  static final class Table {
    final TreeMap<Integer, Object> fields = new TreeMap<>();

    Table put(int id, Object value) {
      fields.put(id, value);
      return this;
    }
  }

  record Str(String value) {}

  record Ints(int[] values) {}

  record Floats(float[] values) {}

  record Longs(long[] values) {}

  record Bytes(byte[] values) {}

  record Tables(List<Table> values) {}

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final List<int[]> patches = new ArrayList<>(); // {slot position, target position}

  /** Serialises {@code root} with the 4-byte file identifier. */
  static byte[] write(Table root, String identifier) {
    FlatWriter w = new FlatWriter();
    w.int32(0);
    w.out.writeBytes(identifier.getBytes(StandardCharsets.US_ASCII));
    int rootPos = w.table(root);
    ByteBuffer b = ByteBuffer.wrap(w.out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0, rootPos);
    for (int[] p : w.patches) {
      b.putInt(p[0], p[1] - p[0]);
    }
    return b.array();
  }

  private int table(Table t) {
    int maxId = t.fields.isEmpty() ? -1 : t.fields.lastKey();
    int vtableSize = 4 + 2 * (maxId + 1);
    int tableSize = 4 + 4 * t.fields.size();
    align(4);
    int vtable = out.size();
    int16(vtableSize);
    int16(tableSize);
    int[] slotOf = new int[maxId + 1];
    int k = 0;
    for (int id : t.fields.keySet()) {
      slotOf[id] = 4 + 4 * k++;
    }
    for (int id = 0; id <= maxId; id++) {
      int16(t.fields.containsKey(id) ? slotOf[id] : 0);
    }
    align(4);
    int pos = out.size();
    int32(pos - vtable);
    List<Object[]> children = new ArrayList<>();
    for (Object v : t.fields.values()) {
      if (v instanceof Integer i) {
        int32(i);
      } else if (v instanceof Float f) {
        int32(Float.floatToIntBits(f));
      } else {
        children.add(new Object[] {out.size(), v});
        int32(0);
      }
    }
    for (Object[] c : children) {
      patches.add(new int[] {(int) c[0], child(c[1])});
    }
    return pos;
  }

  private int child(Object v) {
    if (v instanceof Table t) {
      return table(t);
    }
    if (v instanceof Str s) {
      byte[] bytes = s.value().getBytes(StandardCharsets.UTF_8);
      return vector(
          bytes.length,
          4,
          () -> {
            out.writeBytes(bytes);
            out.write(0);
          });
    }
    if (v instanceof Ints a) {
      return vector(
          a.values().length,
          4,
          () -> {
            for (int x : a.values()) {
              int32(x);
            }
          });
    }
    if (v instanceof Floats a) {
      return vector(
          a.values().length,
          4,
          () -> {
            for (float x : a.values()) {
              int32(Float.floatToIntBits(x));
            }
          });
    }
    if (v instanceof Longs a) {
      return vector(
          a.values().length,
          8,
          () -> {
            for (long x : a.values()) {
              int32((int) x);
              int32((int) (x >>> 32));
            }
          });
    }
    if (v instanceof Bytes a) {
      return vector(a.values().length, 4, () -> out.writeBytes(a.values()));
    }
    if (v instanceof Tables ts) {
      int n = ts.values().size();
      int[] slots = new int[n];
      int pos =
          vector(
              n,
              4,
              () -> {
                for (int i = 0; i < n; i++) {
                  slots[i] = out.size();
                  int32(0);
                }
              });
      for (int i = 0; i < n; i++) {
        patches.add(new int[] {slots[i], table(ts.values().get(i))});
      }
      return pos;
    }
    throw new IllegalArgumentException("unsupported field value " + v);
  }

  /** Length word placed so the elements start {@code elementAlign}-aligned. */
  private int vector(int length, int elementAlign, Runnable elements) {
    while ((out.size() + 4) % elementAlign != 0) {
      out.write(0);
    }
    int pos = out.size();
    int32(length);
    elements.run();
    return pos;
  }

  private void align(int n) {
    while (out.size() % n != 0) {
      out.write(0);
    }
  }

  private void int16(int v) {
    out.write(v & 0xff);
    out.write((v >>> 8) & 0xff);
  }

  private void int32(int v) {
    int16(v);
    int16(v >>> 16);
  }
}
