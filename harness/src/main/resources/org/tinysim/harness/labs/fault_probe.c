/*
 * Does the emulator deliver faults to the firmware's handlers? Divides by zero with
 * CCR.DIV_0_TRP and the UsageFault enabled: exit 42 from UsageFault_Handler when delivered,
 * 43 if it escalated to HardFault, 1 when the division just returned.
 */
#include <stdint.h>
#include "stm32f746_regs.h"
#include "semihosting.h"

void UsageFault_Handler(void) { tinysim_sh_exit(42); }
void HardFault_Handler(void) { tinysim_sh_exit(43); }

int main(void)
{
    SCB_SHCSR |= SCB_SHCSR_USGFAULTENA;
    SCB_CCR |= SCB_CCR_DIV_0_TRP;
    __asm__ volatile("dsb\n isb" ::: "memory");
    volatile int zero = 0;
    volatile int q = 7 / zero;
    (void)q;
    return 1;
}
