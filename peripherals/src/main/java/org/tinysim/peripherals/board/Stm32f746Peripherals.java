package org.tinysim.peripherals.board;

import static org.tinysim.peripherals.board.DeviceKind.AUXILIARY_CONTROL;
import static org.tinysim.peripherals.board.DeviceKind.CACHE_FPU_CONTROL;
import static org.tinysim.peripherals.board.DeviceKind.DEBUG_CONTROL;
import static org.tinysim.peripherals.board.DeviceKind.DWT;
import static org.tinysim.peripherals.board.DeviceKind.FLASH;
import static org.tinysim.peripherals.board.DeviceKind.GPIO;
import static org.tinysim.peripherals.board.DeviceKind.MPU;
import static org.tinysim.peripherals.board.DeviceKind.NVIC;
import static org.tinysim.peripherals.board.DeviceKind.PWR;
import static org.tinysim.peripherals.board.DeviceKind.RCC;
import static org.tinysim.peripherals.board.DeviceKind.SCB;
import static org.tinysim.peripherals.board.DeviceKind.SYSTICK;
import static org.tinysim.peripherals.board.DeviceKind.USART;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinysim.emulator.exceptions.ExceptionNumber;
import org.tinysim.emulator.exceptions.FpContextControl;
import org.tinysim.emulator.exceptions.InterruptController;
import org.tinysim.emulator.exceptions.InterruptSignal;
import org.tinysim.emulator.time.Clock;
import org.tinysim.peripherals.cortexm.AuxiliaryControl;
import org.tinysim.peripherals.cortexm.CacheAndFpuControl;
import org.tinysim.peripherals.cortexm.DebugControl;
import org.tinysim.peripherals.cortexm.Dwt;
import org.tinysim.peripherals.cortexm.ExceptionTable;
import org.tinysim.peripherals.cortexm.Mpu;
import org.tinysim.peripherals.cortexm.Nvic;
import org.tinysim.peripherals.cortexm.SysTick;
import org.tinysim.peripherals.cortexm.SystemControlBlock;
import org.tinysim.peripherals.flash.FlashInterface;
import org.tinysim.peripherals.flash.FlashLatency;
import org.tinysim.peripherals.gpio.GpioPort;
import org.tinysim.peripherals.gpio.PinChangeListener;
import org.tinysim.peripherals.gpio.PinLog;
import org.tinysim.peripherals.interrupts.IrqLine;
import org.tinysim.peripherals.power.Pwr;
import org.tinysim.peripherals.rcc.ClockControl;
import org.tinysim.peripherals.rcc.Rcc;
import org.tinysim.peripherals.registers.RegisterDevice;
import org.tinysim.peripherals.usart.SerialTranscript;
import org.tinysim.peripherals.usart.Usart;

/**
 * All modelled STM32F746 peripherals, built from one declarative table and wired together: device
 * IRQ lines go to the NVIC, SysTick to exception 15, transmit output to per-USART transcripts and
 * GPIO output changes to one pin log.
 */
public final class Stm32f746Peripherals {
  /** External interrupt lines of the STM32F74x/75x NVIC. */
  public static final int IRQ_COUNT = 98;

  /** Name, model, base address, NVIC line. Debug control precedes the DWT, which uses it. */
  static final List<DeviceEntry> DEVICE_TABLE =
      List.of(
          DeviceEntry.of("RCC", RCC, Rcc.BASE),
          DeviceEntry.of("PWR", PWR, Pwr.BASE),
          DeviceEntry.of("FLASH", FLASH, FlashInterface.BASE),
          DeviceEntry.of("USART1", USART, 0x40011000L, 37),
          DeviceEntry.of("USART2", USART, 0x40004400L, 38),
          DeviceEntry.of("USART3", USART, 0x40004800L, 39),
          DeviceEntry.of("UART4", USART, 0x40004C00L, 52),
          DeviceEntry.of("UART5", USART, 0x40005000L, 53),
          DeviceEntry.of("USART6", USART, 0x40011400L, 71),
          DeviceEntry.of("UART7", USART, 0x40007800L, 82),
          DeviceEntry.of("UART8", USART, 0x40007C00L, 83),
          DeviceEntry.of("GPIOA", GPIO, GpioPort.baseOf('A')),
          DeviceEntry.of("GPIOB", GPIO, GpioPort.baseOf('B')),
          DeviceEntry.of("GPIOC", GPIO, GpioPort.baseOf('C')),
          DeviceEntry.of("GPIOD", GPIO, GpioPort.baseOf('D')),
          DeviceEntry.of("GPIOE", GPIO, GpioPort.baseOf('E')),
          DeviceEntry.of("GPIOF", GPIO, GpioPort.baseOf('F')),
          DeviceEntry.of("GPIOG", GPIO, GpioPort.baseOf('G')),
          DeviceEntry.of("GPIOH", GPIO, GpioPort.baseOf('H')),
          DeviceEntry.of("GPIOI", GPIO, GpioPort.baseOf('I')),
          DeviceEntry.of("GPIOJ", GPIO, GpioPort.baseOf('J')),
          DeviceEntry.of("GPIOK", GPIO, GpioPort.baseOf('K')),
          DeviceEntry.of("ICTR", AUXILIARY_CONTROL, AuxiliaryControl.BASE),
          DeviceEntry.of("SysTick", SYSTICK, SysTick.BASE),
          DeviceEntry.of("NVIC", NVIC, Nvic.BASE),
          DeviceEntry.of("SCB", SCB, SystemControlBlock.BASE),
          DeviceEntry.of("MPU", MPU, Mpu.BASE),
          DeviceEntry.of("DCB", DEBUG_CONTROL, DebugControl.BASE),
          DeviceEntry.of("SCB_EXT", CACHE_FPU_CONTROL, CacheAndFpuControl.BASE),
          DeviceEntry.of("DWT", DWT, Dwt.BASE));

  private final Clock clock;
  private final BoardConfig config;
  private final ExceptionTable exceptions;
  private final PinLog pinLog = new PinLog();
  private final Map<String, SerialTranscript> transcripts = new LinkedHashMap<>();
  private final Map<String, RegisterDevice> devicesByName = new LinkedHashMap<>();
  private final List<DeviceMapping> mappings = new ArrayList<>();

  public Stm32f746Peripherals(Clock clock, InterruptSignal signal, BoardConfig config) {
    this.clock = clock;
    this.config = config;
    this.exceptions = new ExceptionTable(IRQ_COUNT, signal, config.resetVectorTable());
    for (DeviceEntry entry : DEVICE_TABLE) {
      RegisterDevice device = create(entry);
      devicesByName.put(entry.name(), device);
      mappings.add(new DeviceMapping(entry.base(), device));
    }
    mappings.sort(Comparator.comparingLong(DeviceMapping::baseAddress));
  }

  /** Every device with its absolute base address, in address order. */
  public List<DeviceMapping> mappings() {
    return List.copyOf(mappings);
  }

  public InterruptController interruptController() {
    return exceptions;
  }

  public ExceptionTable exceptions() {
    return exceptions;
  }

  public ClockControl clockControl() {
    return device("RCC", Rcc.class);
  }

  public FlashLatency flashLatency() {
    return device("FLASH", FlashInterface.class);
  }

  /** FPCCR/FPCAR, used by exception entry and return for lazy FP state preservation. */
  public FpContextControl fpContextControl() {
    return device("SCB_EXT", CacheAndFpuControl.class);
  }

  public SystemControlBlock systemControlBlock() {
    return device("SCB", SystemControlBlock.class);
  }

  public Usart usart(String name) {
    return device(name, Usart.class);
  }

  /** The names of the board's USARTs and UARTs, in device-table order. */
  public static List<String> uartNames() {
    return DEVICE_TABLE.stream().filter(e -> e.kind() == USART).map(DeviceEntry::name).toList();
  }

  /** Text transmitted so far on the named USART, e.g. "USART1". */
  public SerialTranscript uartTranscript(String name) {
    SerialTranscript transcript = transcripts.get(name);
    if (transcript == null) {
      throw new IllegalArgumentException(
          "no USART named " + name + "; have " + transcripts.keySet());
    }
    return transcript;
  }

  public GpioPort gpio(char letter) {
    return device("GPIO" + letter, GpioPort.class);
  }

  /** Output pin changes of all GPIO ports. */
  public PinLog pinLog() {
    return pinLog;
  }

  /** Adds a listener to every GPIO port, next to the board's pin log. */
  public void addPinChangeListener(PinChangeListener listener) {
    devicesByName.values().stream()
        .filter(GpioPort.class::isInstance)
        .forEach(port -> ((GpioPort) port).addPinChangeListener(listener));
  }

  /** Runs {@code listener} when firmware requests a system reset through AIRCR.SYSRESETREQ. */
  public void addResetRequestListener(Runnable listener) {
    systemControlBlock().addResetRequestListener(listener);
  }

  /** A device by its table name, checked against the expected model. */
  public <T extends RegisterDevice> T device(String name, Class<T> type) {
    RegisterDevice device = devicesByName.get(name);
    if (device == null) {
      throw new IllegalArgumentException("no device named " + name);
    }
    if (!type.isInstance(device)) {
      throw new IllegalArgumentException(
          name + " is a " + device.getClass().getSimpleName() + ", not a " + type.getSimpleName());
    }
    return type.cast(device);
  }

  /** System reset: every device and the exception state return to their reset values. */
  public void reset() {
    devicesByName.values().forEach(RegisterDevice::reset);
    exceptions.reset();
  }

  private RegisterDevice create(DeviceEntry entry) {
    switch (entry.kind()) {
      case RCC:
        return new Rcc(config.hseHz());
      case PWR:
        return new Pwr();
      case FLASH:
        return new FlashInterface();
      case USART:
        return createUsart(entry);
      case GPIO:
        return createGpio(entry);
      case AUXILIARY_CONTROL:
        return new AuxiliaryControl(IRQ_COUNT);
      case SYSTICK:
        return createSysTick();
      case NVIC:
        return new Nvic(exceptions);
      case SCB:
        return new SystemControlBlock(exceptions);
      case MPU:
        return new Mpu();
      case DEBUG_CONTROL:
        return new DebugControl();
      case CACHE_FPU_CONTROL:
        return new CacheAndFpuControl(exceptions);
      case DWT:
        return new Dwt(clock, device("DCB", DebugControl.class));
      default:
        throw new IllegalStateException("no factory for " + entry.kind());
    }
  }

  private Usart createUsart(DeviceEntry entry) {
    long status = entry.base() + Usart.statusOffset();
    Usart usart = new Usart(entry.name(), isr -> clock.serveValue(status, isr));
    SerialTranscript transcript = new SerialTranscript();
    usart.addTransmitListener(transcript);
    transcripts.put(entry.name(), transcript);
    connectToNvic(usart.irq(), entry.irq());
    return usart;
  }

  private GpioPort createGpio(DeviceEntry entry) {
    GpioPort port = new GpioPort(entry.name().charAt("GPIO".length()), clock);
    port.addPinChangeListener(pinLog);
    return port;
  }

  private SysTick createSysTick() {
    SysTick sysTick = new SysTick(clock);
    sysTick
        .irq()
        .connect(
            high -> {
              if (high) {
                exceptions.setPending(ExceptionNumber.SYS_TICK);
              }
            });
    return sysTick;
  }

  private void connectToNvic(IrqLine line, int irq) {
    if (irq == DeviceEntry.NO_IRQ) {
      return;
    }
    line.connect(high -> exceptions.irqLineChanged(irq, high));
  }
}
