/*
 * Device reads the native hook answers (DWT CYCCNT, SysTick VAL) mixed with ones Java answers
 * (SysTick CTRL, DWT CTRL) in one block, at different instruction positions, across SysTick wraps.
 * Prints every value read; NativeDeviceReadsTest compares the output with native reads off.
 */
#include <stdint.h>
#include "board.h"
#include "semihosting.h"
#include "stm32f746_regs.h"

#define ROUNDS 64
#define DWT_CTRL REG32(0xE0001000u)

static uint32_t seen[ROUNDS][5];

int main(void)
{
    dwt_cycles_enable();
    SYST_RVR = 999u;
    SYST_CVR = 0;
    SYST_CSR = SYST_CSR_ENABLE | SYST_CSR_CLKSOURCE;
    volatile uint32_t sink = 0;
    for (uint32_t r = 0; r < ROUNDS; r++) {
        uint32_t a = DWT_CYCCNT;
        uint32_t v = SYST_CVR;
        for (uint32_t k = 0; k < (r & 7u); k++) {
            sink += k * r;
        }
        uint32_t csr = SYST_CSR;
        uint32_t b = DWT_CYCCNT;
        uint32_t ctrl = DWT_CTRL;
        seen[r][0] = a;
        seen[r][1] = v;
        seen[r][2] = csr;
        seen[r][3] = b;
        seen[r][4] = ctrl & 1u;
    }
    for (uint32_t r = 0; r < ROUNDS; r++) {
        for (uint32_t i = 0; i < 5; i++) {
            tinysim_sh_put_udec(seen[r][i]);
            tinysim_sh_write0(i == 4 ? "\n" : " ");
        }
    }
    return 0;
}
