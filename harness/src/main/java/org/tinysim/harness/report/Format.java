package org.tinysim.harness.report;

/** Number formatting shared by the text reports. */
public final class Format {

  public static final long REFERENCE_HZ = 216_000_000L;

  private Format() {}

  /** 1234567 -> "1,234,567". */
  public static String count(long n) {
    return String.format("%,d", n);
  }

  public static String mhz(long hz) {
    return hz % 1_000_000 == 0 ? (hz / 1_000_000) + " MHz" : String.format("%.3f MHz", hz / 1e6);
  }

  public static double ms(long cycles, long hz) {
    return cycles * 1000.0 / hz;
  }

  public static String percent(long part, long whole) {
    return String.format("%.1f %%", whole == 0 ? 0.0 : 100.0 * part / whole);
  }
}
