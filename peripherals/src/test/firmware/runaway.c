/*
 * Spins forever after one line of output.
 * Host expects: "spinning\n", then no exit: the run must be stopped by the
 * host's instruction/cycle/time budget (status "timeout"/"budget exceeded").
 */
#include "semihosting.h"

int main(void)
{
    tinysim_sh_write0("spinning\n");
    for (;;) {
        __asm__ volatile("");   /* keeps the loop even if the compiler gets clever */
    }
}
