package org.tinysim.engine.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A flatbuffer table whose every access is checked against the buffer limit. The stock {@code
 * com.google.flatbuffers.Table} trusts its offsets, so a garbled file would surface as an
 * IndexOutOfBoundsException; here every offset is validated first and a failure becomes a {@link
 * ModelFormatException} naming the model, the schema path and the byte offset.
 */
final class FbTable {

  private final ByteBuffer bb;
  private final String source;
  private final String path;
  private final int pos;
  private final int vtable;
  private final int vtableSize;
  private final int tableSize;

  private FbTable(
      ByteBuffer bb,
      String source,
      String path,
      int pos,
      int vtable,
      int vtableSize,
      int tableSize) {
    this.bb = bb;
    this.source = source;
    this.path = path;
    this.pos = pos;
    this.vtable = vtable;
    this.vtableSize = vtableSize;
    this.tableSize = tableSize;
  }

  /** Opens the root table after checking the 4-byte file identifier. */
  static FbTable root(ByteBuffer buffer, String source, String fileIdentifier) {
    ByteBuffer bb = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    if (bb.limit() < 8) {
      throw new ModelFormatException(
          String.format(
              "model %s: file is %d bytes, too short for a flatbuffer header (8 bytes)",
              source, bb.limit()));
    }
    byte[] id = new byte[4];
    for (int i = 0; i < 4; i++) {
      id[i] = bb.get(4 + i);
    }
    String found = new String(id, StandardCharsets.ISO_8859_1);
    if (!found.equals(fileIdentifier)) {
      throw new ModelFormatException(
          String.format(
              "model %s: file identifier at byte offset 4 is '%s', expected '%s' (not a TFLite model)",
              source, printable(found), fileIdentifier));
    }
    return at(bb, source, "model", Integer.toUnsignedLong(bb.getInt(0)));
  }

  private static FbTable at(ByteBuffer bb, String source, String path, long pos) {
    int limit = bb.limit();
    if (pos < 0 || pos + 4 > limit) {
      throw fail(source, path, pos, limit, "table offset out of bounds");
    }
    long vt = pos - bb.getInt((int) pos);
    if (vt < 0 || vt + 4 > limit) {
      throw fail(source, path, vt, limit, "vtable offset out of bounds");
    }
    int vsize = Short.toUnsignedInt(bb.getShort((int) vt));
    int tsize = Short.toUnsignedInt(bb.getShort((int) vt + 2));
    if (vsize < 4 || (vsize & 1) != 0 || vt + vsize > limit) {
      throw fail(source, path, vt, limit, "invalid vtable size " + vsize);
    }
    if (tsize < 4 || pos + tsize > limit) {
      throw fail(source, path, pos, limit, "invalid table size " + tsize);
    }
    return new FbTable(bb, source, path, (int) pos, (int) vt, vsize, tsize);
  }

  /** Builds an error for this table's location. */
  ModelFormatException error(String what) {
    return fail(source, path, pos, bb.limit(), what);
  }

  // ---- scalars -------------------------------------------------------------------------------

  int int8(int field, int dflt) {
    int p = field(field, 1);
    return p == 0 ? dflt : bb.get(p);
  }

  int uint8(int field, int dflt) {
    int p = field(field, 1);
    return p == 0 ? dflt : Byte.toUnsignedInt(bb.get(p));
  }

  boolean bool(int field, boolean dflt) {
    int p = field(field, 1);
    return p == 0 ? dflt : bb.get(p) != 0;
  }

  int int32(int field, int dflt) {
    int p = field(field, 4);
    return p == 0 ? dflt : bb.getInt(p);
  }

  long uint32(int field, long dflt) {
    int p = field(field, 4);
    return p == 0 ? dflt : Integer.toUnsignedLong(bb.getInt(p));
  }

  /**
   * Unsigned 64-bit field; values beyond Long.MAX_VALUE come back negative and callers reject them.
   */
  long uint64(int field, long dflt) {
    int p = field(field, 8);
    return p == 0 ? dflt : bb.getLong(p);
  }

  float float32(int field, float dflt) {
    int p = field(field, 4);
    return p == 0 ? dflt : bb.getFloat(p);
  }

  // ---- references ----------------------------------------------------------------------------

  /** Child table, or null when the field is absent. */
  FbTable table(int field, String name) {
    long target = deref(field, name);
    return target < 0 ? null : at(bb, source, path + "." + name, target);
  }

  String string(int field, String name) {
    long v = deref(field, name);
    if (v < 0) {
      return null;
    }
    int len = vectorLength(v, 1, path + "." + name);
    byte[] bytes = new byte[len];
    bb.get((int) v + 4, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  int[] int32Vector(int field, String name) {
    long v = deref(field, name);
    if (v < 0) {
      return null;
    }
    int len = vectorLength(v, 4, path + "." + name);
    int[] out = new int[len];
    for (int i = 0; i < len; i++) {
      out[i] = bb.getInt((int) v + 4 + 4 * i);
    }
    return out;
  }

  float[] float32Vector(int field, String name) {
    long v = deref(field, name);
    if (v < 0) {
      return null;
    }
    int len = vectorLength(v, 4, path + "." + name);
    float[] out = new float[len];
    for (int i = 0; i < len; i++) {
      out[i] = bb.getFloat((int) v + 4 + 4 * i);
    }
    return out;
  }

  long[] int64Vector(int field, String name) {
    long v = deref(field, name);
    if (v < 0) {
      return null;
    }
    int len = vectorLength(v, 8, path + "." + name);
    long[] out = new long[len];
    for (int i = 0; i < len; i++) {
      out[i] = bb.getLong((int) v + 4 + 8 * i);
    }
    return out;
  }

  byte[] byteVector(int field, String name) {
    long v = deref(field, name);
    if (v < 0) {
      return null;
    }
    int len = vectorLength(v, 1, path + "." + name);
    byte[] out = new byte[len];
    bb.get((int) v + 4, out);
    return out;
  }

  /** Vector of tables; an absent field reads as an empty list. */
  List<FbTable> tableVector(int field, String name) {
    long v = deref(field, name);
    if (v < 0) {
      return List.of();
    }
    int len = vectorLength(v, 4, path + "." + name);
    List<FbTable> out = new ArrayList<>(len);
    for (int i = 0; i < len; i++) {
      long elem = v + 4 + 4L * i;
      long target = elem + Integer.toUnsignedLong(bb.getInt((int) elem));
      out.add(at(bb, source, path + "." + name + "[" + i + "]", target));
    }
    return out;
  }

  /** Copies {@code size} bytes at an absolute file offset (for buffers stored outside the tree). */
  byte[] bytesAt(long offset, long size, String name) {
    if (offset < 0 || size < 0 || size > Integer.MAX_VALUE - 8 || offset + size > bb.limit()) {
      throw fail(
          source,
          path + "." + name,
          offset,
          bb.limit(),
          "external data of " + size + " bytes out of bounds");
    }
    byte[] out = new byte[(int) size];
    bb.get((int) offset, out);
    return out;
  }

  // ---- internals -----------------------------------------------------------------------------

  /** Absolute position of a field holding {@code width} bytes, or 0 when absent. */
  private int field(int id, int width) {
    int slot = 4 + 2 * id;
    if (slot + 2 > vtableSize) {
      return 0;
    }
    int off = Short.toUnsignedInt(bb.getShort(vtable + slot));
    if (off == 0) {
      return 0;
    }
    if (off < 4 || off + width > tableSize) {
      throw fail(
          source,
          path,
          pos + (long) off,
          bb.limit(),
          "field "
              + id
              + " at table offset "
              + off
              + " lies outside the table of "
              + tableSize
              + " bytes");
    }
    return pos + off;
  }

  /** Follows a uoffset field; returns -1 when absent. The target's first 4 bytes are checked. */
  private long deref(int id, String name) {
    int p = field(id, 4);
    if (p == 0) {
      return -1;
    }
    long target = p + Integer.toUnsignedLong(bb.getInt(p));
    if (target + 4 > bb.limit()) {
      throw fail(source, path + "." + name, target, bb.limit(), "reference out of bounds");
    }
    return target;
  }

  private int vectorLength(long v, int elemSize, String where) {
    long len = Integer.toUnsignedLong(bb.getInt((int) v));
    if (v + 4 + len * elemSize > bb.limit()) {
      throw fail(
          source,
          where,
          v,
          bb.limit(),
          "vector of " + len + " x " + elemSize + " bytes exceeds the file");
    }
    return (int) len;
  }

  private static ModelFormatException fail(
      String source, String path, long offset, int limit, String what) {
    return new ModelFormatException(
        String.format(
            "model %s: %s: %s at byte offset %d (file size %d bytes)",
            source, path, what, offset, limit));
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
    }
    return b.toString();
  }
}
