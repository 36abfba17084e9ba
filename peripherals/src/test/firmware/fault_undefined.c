/*
 * Execute UDF #0 (Thumb 0xDE00, permanently undefined).
 * Host expects: "executing udf\n", then an undefined-instruction UsageFault
 * at the udf's address (symbol udf_site). Emulator-reported, or delivered to
 * the guest as HardFault (UsageFault not enabled): "unhandled exception 3",
 * "pc <udf_site>", exit 131. Exit status 1 means udf executed as a no-op.
 */
#include "semihosting.h"

int main(void)
{
    tinysim_sh_write0("executing udf\n");
    __asm__ volatile(
        ".global udf_site\n\t"
        ".thumb_func\n"
        "udf_site:\n\t"
        "udf #0\n\t");
    tinysim_sh_write0("no fault\n");
    return 1;
}
