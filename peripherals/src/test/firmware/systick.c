/*
 * SysTick at LOAD=9999 (period 10000 processor cycles), CLKSOURCE=processor,
 * TICKINT. The handler (board.c's SysTick_Handler -> board_systick_hook)
 * samples DWT->CYCCNT into tick_cycles[] for 10 interrupts while main
 * busy-waits. Host expects 9 lines "delta N 10000" (N = 1..9; exactly 10000
 * with a cycle-exact model, real silicon shows a few cycles of jitter),
 * then "systick ok" and exit 0. Exit 1: fewer than 10 interrupts arrived
 * (bounded wait); exit 2: some delta outside 10000 +/- 1%.
 */
#include <stdint.h>
#include "board.h"
#include "semihosting.h"

#define TICKS 10

volatile uint32_t tick_cycles[TICKS];
static volatile uint32_t tick_count;

void board_systick_hook(void)
{
    uint32_t now = dwt_cycles();
    if (tick_count < TICKS) {
        tick_cycles[tick_count++] = now;
    }
}

int main(void)
{
    dwt_cycles_enable();
    systick_init(10000);   /* LOAD = 9999 */
    for (uint32_t spin = 0; tick_count < TICKS && spin < 10000000u; spin++) {
    }
    systick_stop();

    if (tick_count < TICKS) {
        tinysim_sh_write0("systick timeout after ");
        tinysim_sh_put_udec(tick_count);
        tinysim_sh_write0(" ticks\n");
        return 1;
    }
    int status = 0;
    for (uint32_t i = 1; i < TICKS; i++) {
        uint32_t d = tick_cycles[i] - tick_cycles[i - 1];
        tinysim_sh_write0("delta ");
        tinysim_sh_put_udec(i);
        tinysim_sh_writec(' ');
        tinysim_sh_put_udec(d);
        tinysim_sh_writec('\n');
        if (d < 9900u || d > 10100u) {
            status = 2;
        }
    }
    if (status == 0) {
        tinysim_sh_write0("systick ok\n");
    }
    return status;
}
