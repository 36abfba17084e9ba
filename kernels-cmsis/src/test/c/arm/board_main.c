/*
 * Entry point of the kernel tests on the emulated STM32F746 (make board-test):
 * the board's 216 MHz clock and I-cache, then the tests' own main, renamed.
 */
#include "board.h"

int kernel_tests_main(int argc, char **argv);

int main(void)
{
    if (board_clock_216mhz() == 0) {
        return 1;
    }
    board_icache(1);
    static char name[] = "test_kernels";
    static char *argv[] = {name, 0};
    return kernel_tests_main(1, argv);
}
