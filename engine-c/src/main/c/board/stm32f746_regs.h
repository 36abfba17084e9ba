/*
 * The few STM32F746 / Cortex-M7 registers the runtime and test firmwares use.
 * Addresses and bit positions from RM0385 (ST) and the Armv7-M ARM / Cortex-M7
 * TRM. Deliberately not a full device header.
 */
#ifndef TINYSIM_STM32F746_REGS_H
#define TINYSIM_STM32F746_REGS_H

#include <stdint.h>

#define REG32(addr) (*(volatile uint32_t *)(uintptr_t)(addr))

/* ---- RCC (AHB1, 0x40023800) ---- */
#define RCC_BASE        0x40023800u
#define RCC_CR          REG32(RCC_BASE + 0x00)
#define RCC_PLLCFGR     REG32(RCC_BASE + 0x04)
#define RCC_CFGR        REG32(RCC_BASE + 0x08)
#define RCC_AHB1ENR     REG32(RCC_BASE + 0x30)
#define RCC_APB1ENR     REG32(RCC_BASE + 0x40)
#define RCC_APB2ENR     REG32(RCC_BASE + 0x44)

#define RCC_CR_HSEON        (1u << 16)
#define RCC_CR_HSERDY       (1u << 17)
#define RCC_CR_HSEBYP       (1u << 18)
#define RCC_CR_PLLON        (1u << 24)
#define RCC_CR_PLLRDY       (1u << 25)

#define RCC_PLLCFGR_M_POS   0    /* 6 bits, VCO input = src / M */
#define RCC_PLLCFGR_N_POS   6    /* 9 bits, VCO = input * N */
#define RCC_PLLCFGR_P_POS   16   /* 2 bits, 0..3 => /2,/4,/6,/8 */
#define RCC_PLLCFGR_SRC_HSE (1u << 22)
#define RCC_PLLCFGR_Q_POS   24   /* 4 bits, 48 MHz domain divider */

#define RCC_CFGR_SW_POS     0    /* 0 HSI, 1 HSE, 2 PLL */
#define RCC_CFGR_SWS_POS    2
#define RCC_CFGR_HPRE_POS   4    /* 0xxx = /1, 1000.. = /2../512 */
#define RCC_CFGR_PPRE1_POS  10   /* 0xx = /1, 100 = /2, 101 = /4 ... */
#define RCC_CFGR_PPRE2_POS  13

#define RCC_AHB1ENR_GPIO(n) (1u << (n))   /* n = 0 (A) .. 10 (K) */
#define RCC_APB1ENR_USART3  (1u << 18)
#define RCC_APB1ENR_PWR     (1u << 28)
#define RCC_APB2ENR_USART1  (1u << 4)

/* ---- PWR (APB1, 0x40007000) ---- */
#define PWR_BASE        0x40007000u
#define PWR_CR1         REG32(PWR_BASE + 0x00)
#define PWR_CSR1        REG32(PWR_BASE + 0x04)
#define PWR_CR1_VOS_POS     14   /* 11 = scale 1, required for 216 MHz */
#define PWR_CR1_ODEN        (1u << 16)
#define PWR_CR1_ODSWEN      (1u << 17)
#define PWR_CSR1_ODRDY      (1u << 16)
#define PWR_CSR1_ODSWRDY    (1u << 17)

/* ---- Flash interface (AHB1, 0x40023C00) ---- */
#define FLASH_BASE_R    0x40023C00u
#define FLASH_ACR       REG32(FLASH_BASE_R + 0x00)
#define FLASH_ACR_LATENCY_MASK 0xFu
#define FLASH_ACR_PRFTEN    (1u << 8)
#define FLASH_ACR_ARTEN     (1u << 9)

/* ---- USART (F7 "new" register layout: ISR/TDR) ---- */
#define USART1_BASE     0x40011000u   /* APB2 */
#define USART3_BASE     0x40004800u   /* APB1 */
#define USART_CR1(b)    REG32((b) + 0x00)
#define USART_BRR(b)    REG32((b) + 0x0C)
#define USART_ISR(b)    REG32((b) + 0x1C)
#define USART_TDR(b)    REG32((b) + 0x28)
#define USART_CR1_UE        (1u << 0)
#define USART_CR1_RE        (1u << 2)
#define USART_CR1_TE        (1u << 3)
#define USART_ISR_TC        (1u << 6)
#define USART_ISR_TXE       (1u << 7)

/* ---- GPIO (AHB1, port n at 0x40020000 + n * 0x400) ---- */
#define GPIO_BASE(n)    (0x40020000u + (uint32_t)(n) * 0x400u)
#define GPIO_PORT_A 0
#define GPIO_PORT_B 1
#define GPIO_PORT_D 3
#define GPIO_PORT_I 8
#define GPIO_MODER(b)   REG32((b) + 0x00)
#define GPIO_OTYPER(b)  REG32((b) + 0x04)
#define GPIO_OSPEEDR(b) REG32((b) + 0x08)
#define GPIO_PUPDR(b)   REG32((b) + 0x0C)
#define GPIO_IDR(b)     REG32((b) + 0x10)
#define GPIO_ODR(b)     REG32((b) + 0x14)
#define GPIO_BSRR(b)    REG32((b) + 0x18)
#define GPIO_AFRL(b)    REG32((b) + 0x20)
#define GPIO_AFRH(b)    REG32((b) + 0x24)
#define GPIO_MODE_OUT   1u
#define GPIO_MODE_AF    2u

/* ---- SysTick (PPB) ---- */
#define SYST_CSR        REG32(0xE000E010u)
#define SYST_RVR        REG32(0xE000E014u)
#define SYST_CVR        REG32(0xE000E018u)
#define SYST_CSR_ENABLE     (1u << 0)
#define SYST_CSR_TICKINT    (1u << 1)
#define SYST_CSR_CLKSOURCE  (1u << 2)   /* 1 = processor clock */
#define SYST_CSR_COUNTFLAG  (1u << 16)

/* ---- NVIC ---- */
#define NVIC_ISER(n)    REG32(0xE000E100u + 4u * (n))
#define NVIC_ICER(n)    REG32(0xE000E180u + 4u * (n))

/* ---- SCB ---- */
#define SCB_ICSR        REG32(0xE000ED04u)
#define SCB_VTOR        REG32(0xE000ED08u)
#define SCB_AIRCR       REG32(0xE000ED0Cu)
#define SCB_CCR         REG32(0xE000ED14u)
#define SCB_SHPR2       REG32(0xE000ED1Cu)   /* SVCall priority in [31:24] */
#define SCB_SHPR3       REG32(0xE000ED20u)   /* PendSV [23:16], SysTick [31:24] */
#define SCB_SHCSR       REG32(0xE000ED24u)
#define SCB_CFSR        REG32(0xE000ED28u)
#define SCB_HFSR        REG32(0xE000ED2Cu)
#define SCB_MMFAR       REG32(0xE000ED34u)
#define SCB_BFAR        REG32(0xE000ED38u)
#define SCB_CPACR       REG32(0xE000ED88u)
#define SCB_CCSIDR      REG32(0xE000ED80u)   /* geometry of the cache CSSELR selects */
#define SCB_CSSELR      REG32(0xE000ED84u)   /* 0 selects the L1 data cache */
#define SCB_ICIALLU     REG32(0xE000EF50u)   /* write: invalidate the whole I-cache */
#define SCB_DCISW       REG32(0xE000EF60u)   /* write: invalidate a D-cache line by set/way */
#define SCB_DCCISW      REG32(0xE000EF74u)   /* write: clean and invalidate by set/way */
#define SCB_ICSR_PENDSVSET  (1u << 28)
#define SCB_CCR_UNALIGN_TRP (1u << 3)
#define SCB_CCR_DIV_0_TRP   (1u << 4)
#define SCB_CCR_DC          (1u << 16)
#define SCB_CCR_IC          (1u << 17)
#define SCB_SHCSR_MEMFAULTENA (1u << 16)
#define SCB_SHCSR_BUSFAULTENA (1u << 17)
#define SCB_SHCSR_USGFAULTENA (1u << 18)
#define SCB_CFSR_UNALIGNED  (1u << 24)   /* UFSR bit 8 */
#define SCB_CFSR_UNDEFINSTR (1u << 16)   /* UFSR bit 0 */
#define SCB_CPACR_CP10_CP11_FULL (0xFu << 20)

/* ---- Debug: DEMCR and DWT cycle counter ---- */
#define DEMCR           REG32(0xE000EDFCu)
#define DEMCR_TRCENA        (1u << 24)
#define DWT_CTRL        REG32(0xE0001000u)
#define DWT_CYCCNT      REG32(0xE0001004u)
#define DWT_LAR         REG32(0xE0001FB0u)
#define DWT_CTRL_CYCCNTENA  (1u << 0)
#define DWT_LAR_UNLOCK      0xC5ACCE55u

#endif
