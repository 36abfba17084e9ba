/*
 * Unbounded recursion, 256-byte local array per frame (~272 bytes/frame).
 * The stack runs from _estack (0x20050000) down; __stack_limit (ELF symbol)
 * is the lowest legal SP. Host expects: "recursing\n", then the emulator
 * flags SP < __stack_limit (stack overflow) or, without such a check, the
 * stack crosses .bss/.data and faults below 0x20000000 (guest HardFault can
 * then not even be stacked: lockup). It never prints "returned".
 */
#include <stdint.h>
#include "semihosting.h"

volatile uint32_t depth_reached;
volatile uint32_t keep_going = 1;   /* never cleared: defeats "infinite recursion" analysis */

__attribute__((noinline)) static uint32_t recurse(uint32_t depth)
{
    volatile uint8_t local[256];
    for (uint32_t i = 0; i < sizeof local; i++) {
        local[i] = (uint8_t)(depth + i);
    }
    depth_reached = depth;
    uint32_t below = keep_going ? recurse(depth + 1) : 0;
    return below + local[depth & 0xFFu];   /* use after the call: no tail call */
}

int main(void)
{
    tinysim_sh_write0("recursing\n");
    uint32_t r = recurse(0);
    tinysim_sh_put_named_hex("returned", r);
    return 1;
}
