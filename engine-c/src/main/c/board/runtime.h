/*
 * Linker-script symbols and placement helpers shared by firmwares.
 * See stm32f746.ld and README.md for the contract.
 */
#ifndef TINYSIM_RUNTIME_H
#define TINYSIM_RUNTIME_H

#include <stdint.h>

/* Run from ITCM RAM (copied from flash at reset). long_call: flash and ITCM
 * are further apart than a BL can reach. */
#define TINYSIM_ITCM   __attribute__((section(".itcm_text"), long_call, noinline))
/* Large buffers that need no zeroing at reset (arenas, scratch). */
#define TINYSIM_NOINIT __attribute__((section(".noinit")))

extern uint8_t _sidata[], _sdata[], _edata[];
extern uint8_t _sbss[], _ebss[];
extern uint8_t _sitcm[], _s_itcm_text[], _e_itcm_text[];
extern uint8_t _snoinit[], _enoinit[];
extern uint8_t __heap_start[], __heap_end[];
extern uint8_t __stack_limit[], _estack[];

/* Called by Reset_Handler before main; weak default does nothing. */
void SystemInit(void);
int main(void);

static inline uint32_t tinysim_get_sp(void)
{
    uint32_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

#endif
