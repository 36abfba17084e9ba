/*
 * Lab 1 reference solution: 216 MHz clock, USART1 at 115200 baud, DWT timing of lab1_work
 * and a fault handler that prints the faulting PC.
 */
#include <stdint.h>
#include "board.h"
#include "semihosting.h"

volatile uint32_t lab1_work_cycles;
volatile int32_t lab1_result;

static int16_t xs[256];
static int16_t ys[256];

__attribute__((noipa)) int32_t lab1_work(const int16_t *a, const int16_t *b, int n)
{
    int32_t acc = 0;
    for (int i = 0; i < n; i++) {
        acc += a[i] * b[i];
    }
    return acc;
}

__attribute__((noinline)) int lab1_fault(int a, int b)
{
    return a / b;
}

/* Called with the exception's stacked frame: r0-r3, r12, lr, pc, xPSR. */
__attribute__((used)) static void lab1_report_fault(const uint32_t *frame)
{
    board_uart_puts(USART1_BASE, "fault: pc ");
    board_uart_put_hex(USART1_BASE, frame[6]);
    board_uart_puts(USART1_BASE, " cfsr ");
    board_uart_put_hex(USART1_BASE, SCB_CFSR);
    board_uart_puts(USART1_BASE, "\r\n");
    tinysim_sh_exit(0);
}

/* EXC_RETURN bit 2 says which stack holds the frame. */
__attribute__((naked)) void UsageFault_Handler(void)
{
    __asm__ volatile(
        "tst lr, #4\n"
        "ite eq\n"
        "mrseq r0, msp\n"
        "mrsne r0, psp\n"
        "b lab1_report_fault\n");
}

__attribute__((naked)) void HardFault_Handler(void)
{
    __asm__ volatile(
        "tst lr, #4\n"
        "ite eq\n"
        "mrseq r0, msp\n"
        "mrsne r0, psp\n"
        "b lab1_report_fault\n");
}

int main(void)
{
    board_clock_216mhz();
    board_uart_init(USART1_BASE, 115200);
    board_uart_puts(USART1_BASE, "lab1: hello at ");
    board_uart_put_udec(USART1_BASE, board_hclk_hz());
    board_uart_puts(USART1_BASE, " Hz\r\n");

    for (int i = 0; i < 256; i++) {
        xs[i] = (int16_t)(i * 3 - 300);
        ys[i] = (int16_t)(700 - i * 5);
    }
    dwt_cycles_enable();
    uint32_t start = dwt_cycles();
    lab1_result = lab1_work(xs, ys, 256);
    lab1_work_cycles = dwt_cycles() - start;
    board_uart_puts(USART1_BASE, "lab1_work: ");
    board_uart_put_udec(USART1_BASE, lab1_work_cycles);
    board_uart_puts(USART1_BASE, " cycles\r\n");

    SCB_SHCSR |= SCB_SHCSR_USGFAULTENA;
    SCB_CCR |= SCB_CCR_DIV_0_TRP;
    __asm__ volatile("dsb\n isb" ::: "memory");
    volatile int zero = 0;
    lab1_result = lab1_fault(7, zero);
    board_uart_puts(USART1_BASE, "no fault was raised\r\n");
    return 0;
}
