/*
 * Lab 1: bare metal on the STM32F746. Fill in the four TODOs; `tinysim lab check 1 DIR`
 * grades this file. No printf here: the grader links without a heap, so print with
 * board_uart_puts / board_uart_put_hex / board_uart_put_udec.
 */
#include <stdint.h>
#include "board.h"
#include "semihosting.h"

/* Written by main: the cycles one call of lab1_work took, measured with DWT->CYCCNT. */
volatile uint32_t lab1_work_cycles;
volatile int32_t lab1_result;

static int16_t xs[256];
static int16_t ys[256];

/* The work to time: a dot product (noipa: the compiler may not move the call across your
 * CYCCNT reads). Call it exactly once (the grader compares with the
 * emulator's own count of the cycles spent in this function). */
__attribute__((noipa)) int32_t lab1_work(const int16_t *a, const int16_t *b, int n)
{
    int32_t acc = 0;
    for (int i = 0; i < n; i++) {
        acc += a[i] * b[i];
    }
    return acc;
}

/* Divides; with CCR.DIV_0_TRP set a division by zero raises a UsageFault here. */
__attribute__((noinline)) int lab1_fault(int a, int b)
{
    return a / b;
}

/* TODO 4: a fault handler. Define UsageFault_Handler and HardFault_Handler; print the PC
 * stacked by the exception entry (frame[6]) in hex on USART1, then tinysim_sh_exit(0). */

int main(void)
{
    /* TODO 1: run the core at 216 MHz. */

    /* TODO 2: USART1 at 115200 baud, then say hello on it. */

    for (int i = 0; i < 256; i++) {
        xs[i] = (int16_t)(i * 3 - 300);
        ys[i] = (int16_t)(700 - i * 5);
    }
    /* TODO 3: time this call with the DWT cycle counter into lab1_work_cycles. */
    lab1_result = lab1_work(xs, ys, 256);

    /* Trap on division by zero and route it to UsageFault_Handler. */
    SCB_SHCSR |= SCB_SHCSR_USGFAULTENA;
    SCB_CCR |= SCB_CCR_DIV_0_TRP;
    __asm__ volatile("dsb\n isb" ::: "memory");
    volatile int zero = 0;
    lab1_result = lab1_fault(7, zero);
    return 0;
}
