package org.tinysim.harness;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex: content hashes in baselines, cache keys and model listings. */
public final class Sha256 {

  private final MessageDigest digest;

  private Sha256() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256.
      throw new IllegalStateException(e);
    }
  }

  /** The hex digest of {@code data}. */
  public static String hex(byte[] data) {
    return new Sha256().add(data).hex();
  }

  /** An empty digest to feed piece by piece. */
  public static Sha256 start() {
    return new Sha256();
  }

  public Sha256 add(byte[] data) {
    digest.update(data);
    return this;
  }

  /** Adds {@code text} as UTF-8. */
  public Sha256 add(String text) {
    return add(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The hex digest of everything added; the digest is then reset. */
  public String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }
}
