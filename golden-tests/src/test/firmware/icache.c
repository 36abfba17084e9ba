#include "icache.h"
#include "stm32f746_regs.h"

#define SCB_CCR_IC (1u << 17)
#define SCB_ICIALLU REG32(0xE000EF50u)

void icache_enable(int on)
{
    __asm__ volatile("dsb\n\tisb" ::: "memory");
    SCB_ICIALLU = 0;
    if (on) {
        SCB_CCR |= SCB_CCR_IC;
    } else {
        SCB_CCR &= ~SCB_CCR_IC;
    }
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}
