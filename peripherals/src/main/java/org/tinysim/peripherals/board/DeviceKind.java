package org.tinysim.peripherals.board;

/** The device models the board table can instantiate. */
enum DeviceKind {
  RCC,
  PWR,
  FLASH,
  USART,
  GPIO,
  AUXILIARY_CONTROL,
  SYSTICK,
  NVIC,
  SCB,
  MPU,
  DEBUG_CONTROL,
  CACHE_FPU_CONTROL,
  DWT
}
