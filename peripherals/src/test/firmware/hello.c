/*
 * Smallest end-to-end check: startup, semihosting SYS_WRITE0 and exit.
 * Host expects: stdout "hello from tinysim\n", exit status 0.
 */
#include "semihosting.h"

int main(void)
{
    tinysim_sh_write0("hello from tinysim\n");
    return 0;
}
