/*
 * Minimal bare-metal start-up for running the kernel tests on an emulated
 * Cortex-M7 (QEMU mps2-an500) with semihosting for stdout and exit status.
 * Not part of the kernels: it only exists to execute the real DSP
 * instructions (GCC's <arm_acle.h>) instead of the host emulation.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern uint32_t __stack_top;
extern char __bss_start__[], __bss_end__[];
extern int main(int argc, char **argv);
extern void initialise_monitor_handles(void);

#define SCB_CPACR (*(volatile uint32_t *)0xE000ED88u)
#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)

void Reset_Handler(void);

static void fault_handler(void)
{
    printf("FAULT: hard fault / unexpected exception\n");
    exit(99);
}

__attribute__((section(".vectors"), used)) static const void *const vectors[16] = {
    &__stack_top, (const void *)Reset_Handler, (const void *)fault_handler,
    (const void *)fault_handler, (const void *)fault_handler, (const void *)fault_handler,
    (const void *)fault_handler, 0, 0, 0, 0, (const void *)fault_handler,
    (const void *)fault_handler, 0, (const void *)fault_handler, (const void *)fault_handler,
};

void Reset_Handler(void)
{
    /* -mfloat-abi=hard code needs CP10/CP11 enabled before the first VFP op */
    SCB_CPACR |= 0xFu << 20;
    __asm volatile("dsb\n\tisb" ::: "memory");
    memset(__bss_start__, 0, (size_t)(__bss_end__ - __bss_start__));
    initialise_monitor_handles();
    /* free-running 24-bit SysTick on the core clock, for the benchmark */
    SYST_RVR = 0x00FFFFFFu;
    SYST_CVR = 0;
    SYST_CSR = 0x5u;
    exit(main(0, NULL));
}
