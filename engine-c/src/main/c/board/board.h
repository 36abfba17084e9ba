/*
 * STM32F746 board helpers: 216 MHz clock tree, polled USART output, SysTick
 * tick and DWT cycle counter. Targets the STM32F746G-DISCO (25 MHz HSE
 * crystal, USART1 TX on PA9, LED on PI1) and Nucleo-style USART3 (PD8).
 */
#ifndef TINYSIM_BOARD_H
#define TINYSIM_BOARD_H

#include <stdint.h>
#include "stm32f746_regs.h"

#define BOARD_HSE_HZ 25000000u
#define BOARD_HSI_HZ 16000000u

/* Ticks since systick_init(); incremented by SysTick_Handler. */
extern volatile uint32_t tinysim_ticks;

/*
 * HSE 25 MHz -> PLL (M=25 N=432 P=2 Q=9) -> 216 MHz with over-drive, flash
 * latency 7 + ART + prefetch, APB1 = /4 (54 MHz), APB2 = /2 (108 MHz).
 * Returns SYSCLK computed from register readback, 0 if a ready flag never
 * came up (bounded waits, so a missing model fails loudly, not by hanging).
 */
uint32_t board_clock_216mhz(void);

/* SYSCLK / HCLK / PCLKx as currently configured, from RCC readback. */
uint32_t board_sysclk_hz(void);
uint32_t board_hclk_hz(void);
uint32_t board_pclk1_hz(void);
uint32_t board_pclk2_hz(void);

/* USART1 (PA9/PB7) or USART3 (PD8/PD9), 8N1, TX+RX, polled. usart is
 * USART1_BASE or USART3_BASE. Returns the BRR value written, 0 if unknown usart. */
uint32_t board_uart_init(uint32_t usart, uint32_t baud);
/* Waits for ISR.TXE then writes TDR. Returns 0, or -1 if TXE never rose. */
int board_uart_putc(uint32_t usart, char c);
/* Sends bytes as-is (no CR insertion). */
void board_uart_puts(uint32_t usart, const char *s);
void board_uart_put_hex(uint32_t usart, uint32_t v);
void board_uart_put_udec(uint32_t usart, uint32_t v);

/* GPIO: enable port clock and make one pin a push-pull output. */
void board_gpio_output(uint32_t port, uint32_t pin);
/* BSRR write: atomic set or reset of one pin. */
void board_gpio_write(uint32_t port, uint32_t pin, int level);

/* SysTick from the processor clock with interrupt: LOAD = ticks - 1. */
void systick_init(uint32_t ticks);
void systick_stop(void);
/* Busy-waits ms SysTick periods (needs systick_init at a 1 ms period). */
void delay_ms(uint32_t ms);
/* Called from SysTick_Handler after the tick count; weak, default empty. */
void board_systick_hook(void);

void dwt_cycles_enable(void);
/* Switches the L1 instruction cache (off after reset); invalidated first, as ARMv7-M requires. */
void board_icache(int on);
/* Switches the L1 data cache (off after reset): invalidated before it is enabled, cleaned to
 * memory before it is disabled, line by line over every set and way (ARMv7-M B2.2.7). */
void board_dcache(int on);
static inline uint32_t dwt_cycles(void)
{
    return DWT_CYCCNT;
}

#endif
