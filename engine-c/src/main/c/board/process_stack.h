/* Running a benchmark on a stack placed in a chosen memory (DTCM, SRAM1), whatever the main stack's
 * place. A header, not board.c: firmware that does not include it keeps its exact layout. */
#ifndef TINYSIM_PROCESS_STACK_H
#define TINYSIM_PROCESS_STACK_H

#include <stdint.h>

/* Runs body in thread mode on the process stack (PSP = top), then returns to the main stack.
 * The emulator checks the PSP against the firmware's tinysim_psp_limit, which the caller sets. */
__attribute__((naked, noinline, unused)) static int board_call_on_process_stack(int (*body)(void),
                                                                                uint32_t *top)
{
    __asm__ volatile(
        "msr psp, r1\n\t"
        "mrs r2, control\n\t"
        "orr r2, r2, #2\n\t" /* SPSEL: thread mode uses the PSP */
        "msr control, r2\n\t"
        "isb\n\t"
        "push {r4, lr}\n\t"
        "blx r0\n\t"
        "pop {r4, lr}\n\t"
        "mrs r2, control\n\t"
        "bic r2, r2, #2\n\t"
        "msr control, r2\n\t"
        "isb\n\t"
        "bx lr\n\t");
}

#endif
