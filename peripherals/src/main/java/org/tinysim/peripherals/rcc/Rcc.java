package org.tinysim.peripherals.rcc;

import java.util.logging.Logger;
import org.tinysim.peripherals.registers.Access;
import org.tinysim.peripherals.registers.Field;
import org.tinysim.peripherals.registers.RegisterDevice;
import org.tinysim.peripherals.registers.RegisterOffset;

/**
 * Reset and clock control (base 0x40023800). Oscillators and PLLs lock instantly: each RDY bit
 * follows its ON bit. The system clock switch completes as soon as the selected source is ready,
 * and the resulting frequencies are exposed through {@link ClockControl}.
 */
public final class Rcc extends RegisterDevice implements ClockControl {
  public static final long BASE = 0x40023800L;
  public static final long HSI_HZ = 16_000_000L;

  /** HSE crystal of the STM32F746G-DISCO board. */
  public static final long DISCO_HSE_HZ = 25_000_000L;

  /** HSE bypass clock the ST-LINK feeds to a Nucleo-F746ZG. */
  public static final long NUCLEO_HSE_HZ = 8_000_000L;

  private static final Logger LOG = Logger.getLogger(Rcc.class.getName());
  private static final long CR_RESET = 0x00000083L;
  private static final long PLLCFGR_RESET = 0x24003010L;
  private static final long AHB1ENR_RESET = 0x00100000L;
  private static final long CSR_RESET = 0x0E000000L;
  private static final long PLL_AUX_CFGR_RESET = 0x24003000L;
  private static final int[] AHB_PRESCALER_SHIFTS = {1, 2, 3, 4, 6, 7, 8, 9};

  enum Reg implements RegisterOffset {
    Cr(0x00),
    Pllcfgr(0x04),
    Cfgr(0x08),
    Cir(0x0C),
    Ahb1rstr(0x10),
    Ahb2rstr(0x14),
    Ahb3rstr(0x18),
    Apb1rstr(0x20),
    Apb2rstr(0x24),
    Ahb1enr(0x30),
    Ahb2enr(0x34),
    Ahb3enr(0x38),
    Apb1enr(0x40),
    Apb2enr(0x44),
    Ahb1lpenr(0x50),
    Ahb2lpenr(0x54),
    Ahb3lpenr(0x58),
    Apb1lpenr(0x60),
    Apb2lpenr(0x64),
    Bdcr(0x70),
    Csr(0x74),
    Sscgr(0x80),
    Plli2scfgr(0x84),
    Pllsaicfgr(0x88),
    Dckcfgr1(0x8C),
    Dckcfgr2(0x90);

    private final long offset;

    Reg(long offset) {
      this.offset = offset;
    }

    @Override
    public long offset() {
      return offset;
    }
  }

  private final long hseHz;
  private Field hsiOn;
  private Field hseOn;
  private Field pllOn;
  private Field pllI2sOn;
  private Field pllSaiOn;
  private Field pllM;
  private Field pllN;
  private Field pllP;
  private Field pllSource;
  private Field clockSwitch;
  private Field clockSwitchStatus;
  private Field ahbPrescaler;
  private Field apb1Prescaler;
  private Field apb2Prescaler;
  private Field lseOn;
  private Field lsiOn;
  private Field resetFlags;

  /**
   * @param hseHz frequency of the board's HSE crystal or bypass clock
   */
  public Rcc(long hseHz) {
    super("RCC", 0x400);
    if (hseHz < 4_000_000L || hseHz > 50_000_000L) {
      throw new IllegalArgumentException(
          "HSE must be 4..50 MHz (26 MHz crystal, 50 MHz bypass), not " + hseHz);
    }
    this.hseHz = hseHz;
    defineRegisters();
  }

  public long hseHz() {
    return hseHz;
  }

  /** The source CFGR.SWS currently reports. */
  public SystemClockSource systemClockSource() {
    return SystemClockSource.fromCode(clockSwitchStatus.value());
  }

  @Override
  public long sysclkHz() {
    switch (systemClockSource()) {
      case HSE:
        return hseHz;
      case PLL:
        return pllOutputHz();
      default:
        return HSI_HZ;
    }
  }

  @Override
  public long hclkHz() {
    long hpre = ahbPrescaler.value();
    return hpre < 8 ? sysclkHz() : sysclkHz() >> AHB_PRESCALER_SHIFTS[(int) hpre - 8];
  }

  @Override
  public long pclk1Hz() {
    return hclkHz() >> apbShift(apb1Prescaler.value());
  }

  @Override
  public long pclk2Hz() {
    return hclkHz() >> apbShift(apb2Prescaler.value());
  }

  /** Main PLL P output (the SYSCLK candidate): input / M * N / P. */
  public long pllOutputHz() {
    long m = pllM.value();
    long n = pllN.value();
    if (m < 2 || n < 2) {
      LOG.warning(
          () -> String.format("RCC: invalid PLL configuration M=%d N=%d, PLL output 0 Hz", m, n));
      return 0;
    }
    long pDivider = 2 * (pllP.value() + 1);
    return pllInputHz() * n / (m * pDivider);
  }

  private long pllInputHz() {
    return pllSource.isSet() ? hseHz : HSI_HZ;
  }

  private static int apbShift(long ppre) {
    return ppre < 4 ? 0 : (int) (ppre - 3);
  }

  private void defineRegisters() {
    registers
        .define(Reg.Cr)
        .resetValue(CR_RESET)
        .flag("HSION", 0, Access.RW, f -> hsiOn = f)
        .flag("HSIRDY", 1, Access.RO)
        .readsAs(() -> hsiOn.value())
        .field("HSITRIM", 3, 5, Access.RW)
        .field("HSICAL", 8, 8, Access.RO)
        .flag("HSEON", 16, Access.RW, f -> hseOn = f)
        .flag("HSERDY", 17, Access.RO)
        .readsAs(() -> hseOn.value())
        .flag("HSEBYP", 18, Access.RW)
        .flag("CSSON", 19, Access.RW)
        .flag("PLLON", 24, Access.RW, f -> pllOn = f)
        .flag("PLLRDY", 25, Access.RO)
        .readsAs(() -> pllReady() ? 1 : 0)
        .flag("PLLI2SON", 26, Access.RW, f -> pllI2sOn = f)
        .flag("PLLI2SRDY", 27, Access.RO)
        .readsAs(() -> pllI2sOn.value())
        .flag("PLLSAION", 28, Access.RW, f -> pllSaiOn = f)
        .flag("PLLSAIRDY", 29, Access.RO)
        .readsAs(() -> pllSaiOn.value())
        .afterWrite(value -> clockSettingsChanged())
        .build();
    registers
        .define(Reg.Pllcfgr)
        .resetValue(PLLCFGR_RESET)
        .field("PLLM", 0, 6, Access.RW, f -> pllM = f)
        .field("PLLN", 6, 9, Access.RW, f -> pllN = f)
        .field("PLLP", 16, 2, Access.RW, f -> pllP = f)
        .flag("PLLSRC", 22, Access.RW, f -> pllSource = f)
        .field("PLLQ", 24, 4, Access.RW)
        .tag("PLLR", 28, 3)
        .build();
    registers
        .define(Reg.Cfgr)
        .field("SW", 0, 2, Access.RW, f -> clockSwitch = f)
        .field("SWS", 2, 2, Access.RO, f -> clockSwitchStatus = f)
        .field("HPRE", 4, 4, Access.RW, f -> ahbPrescaler = f)
        .field("PPRE1", 10, 3, Access.RW, f -> apb1Prescaler = f)
        .field("PPRE2", 13, 3, Access.RW, f -> apb2Prescaler = f)
        .field("RTCPRE", 16, 5, Access.RW)
        .field("MCO1", 21, 2, Access.RW)
        .flag("I2SSRC", 23, Access.RW)
        .field("MCO1PRE", 24, 3, Access.RW)
        .field("MCO2PRE", 27, 3, Access.RW)
        .field("MCO2", 30, 2, Access.RW)
        .afterWrite(value -> clockSettingsChanged())
        .build();
    registers
        .define(Reg.Cir)
        .field("READYIE", 8, 7, Access.RW)
        .tag("READYF", 0, 8)
        .tag("READYC", 16, 8)
        .build();
    defineStorage(Reg.Ahb1rstr, 0);
    defineStorage(Reg.Ahb2rstr, 0);
    defineStorage(Reg.Ahb3rstr, 0);
    defineStorage(Reg.Apb1rstr, 0);
    defineStorage(Reg.Apb2rstr, 0);
    defineStorage(Reg.Ahb1enr, AHB1ENR_RESET);
    defineStorage(Reg.Ahb2enr, 0);
    defineStorage(Reg.Ahb3enr, 0);
    defineStorage(Reg.Apb1enr, 0);
    defineStorage(Reg.Apb2enr, 0);
    defineStorage(Reg.Ahb1lpenr, 0);
    defineStorage(Reg.Ahb2lpenr, 0);
    defineStorage(Reg.Ahb3lpenr, 0);
    defineStorage(Reg.Apb1lpenr, 0);
    defineStorage(Reg.Apb2lpenr, 0);
    defineBackupDomainControl();
    defineControlStatus();
    defineStorage(Reg.Sscgr, 0);
    defineStorage(Reg.Plli2scfgr, PLL_AUX_CFGR_RESET);
    defineStorage(Reg.Pllsaicfgr, PLL_AUX_CFGR_RESET);
    defineStorage(Reg.Dckcfgr1, 0);
    defineStorage(Reg.Dckcfgr2, 0);
  }

  /** Enable, reset and kernel-clock registers only store what firmware writes. */
  private void defineStorage(Reg reg, long resetValue) {
    registers.define(reg).resetValue(resetValue).field("VALUE", 0, 32, Access.RW).build();
  }

  /** LSE is ready as soon as it is switched on, like the other oscillators. */
  private void defineBackupDomainControl() {
    registers
        .define(Reg.Bdcr)
        .flag("LSEON", 0, Access.RW, f -> lseOn = f)
        .flag("LSERDY", 1, Access.RO)
        .readsAs(() -> lseOn.value())
        .flag("LSEBYP", 2, Access.RW)
        .field("LSEDRV", 3, 2, Access.RW)
        .field("RTCSEL", 8, 2, Access.RW)
        .flag("RTCEN", 15, Access.RW)
        .flag("BDRST", 16, Access.RW)
        .build();
  }

  /** LSI ready follows LSION; RMVF clears the reset flags. */
  private void defineControlStatus() {
    registers
        .define(Reg.Csr)
        .resetValue(CSR_RESET)
        .flag("LSION", 0, Access.RW, f -> lsiOn = f)
        .flag("LSIRDY", 1, Access.RO)
        .readsAs(() -> lsiOn.value())
        .flag("RMVF", 24, Access.WO)
        .onWrite(
            bit -> {
              if (bit != 0) {
                resetFlags.set(0);
              }
            })
        .field("RESET_FLAGS", 25, 7, Access.RO, f -> resetFlags = f)
        .build();
  }

  private boolean pllReady() {
    boolean inputReady = pllSource.isSet() ? hseOn.isSet() : hsiOn.isSet();
    return pllOn.isSet() && inputReady;
  }

  private boolean ready(SystemClockSource source) {
    switch (source) {
      case HSE:
        return hseOn.isSet();
      case PLL:
        return pllReady();
      default:
        return hsiOn.isSet();
    }
  }

  /**
   * Keeps the clock that drives SYSCLK running (hardware ignores attempts to stop it) and completes
   * a pending switch once the requested source is ready.
   */
  private void clockSettingsChanged() {
    SystemClockSource current = systemClockSource();
    keepRunning(current);
    if (current == SystemClockSource.PLL) {
      keepRunning(pllSource.isSet() ? SystemClockSource.HSE : SystemClockSource.HSI);
    }
    SystemClockSource requested = SystemClockSource.fromCode(clockSwitch.value());
    if (requested == null) {
      LOG.warning("RCC: CFGR.SW=0b11 is not a valid system clock; switch ignored");
      return;
    }
    if (ready(requested)) {
      clockSwitchStatus.set(requested.code());
    }
  }

  private void keepRunning(SystemClockSource source) {
    Field onBit =
        source == SystemClockSource.HSI ? hsiOn : source == SystemClockSource.HSE ? hseOn : pllOn;
    if (!onBit.isSet()) {
      LOG.info(
          () -> "RCC: " + onBit.name() + " cannot be cleared while it drives the system clock");
      onBit.set(true);
    }
  }
}
