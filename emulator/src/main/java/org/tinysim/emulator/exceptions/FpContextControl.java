package org.tinysim.emulator.exceptions;

/**
 * FPCCR and FPCAR (0xE000EF34/38) as exception entry and return use them for lazy floating-point
 * state preservation. The SCB model implements it; {@link #RESET} is the value out of reset.
 */
public interface FpContextControl {
  int LSPACT = 1;
  int USER = 1 << 1;
  int THREAD = 1 << 3;
  int HFRDY = 1 << 4;
  int MMRDY = 1 << 5;
  int BFRDY = 1 << 6;
  int MONRDY = 1 << 8;
  int LSPEN = 1 << 30;
  int ASPEN = 1 << 31;

  /** ASPEN and LSPEN set: automatic and lazy state preservation, as out of reset. */
  int RESET = ASPEN | LSPEN;

  int fpccr();

  void setFpccr(int value);

  /** FPCAR: where the lazily saved S0-S15/FPSCR go (bits [2:0] read as zero). */
  void setFpcar(int address);

  /** A plain holder, for a machine without the SCB model. */
  static FpContextControl detached() {
    return new FpContextControl() {
      private int fpccr = RESET;

      @Override
      public int fpccr() {
        return fpccr;
      }

      @Override
      public void setFpccr(int value) {
        fpccr = value;
      }

      @Override
      public void setFpcar(int address) {}
    };
  }
}
