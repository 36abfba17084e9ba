/*
 * Polled USART output at 115200 baud on USART1 (APB2) and USART3 (APB1),
 * after switching to 216 MHz. TX: wait ISR.TXE, write TDR.
 * Host expects UART1 capture "uart1 hello\n", UART3 capture "uart3 hello\n"
 * and on semihosting: "BRR1 938" (108 MHz / 115200, rounded), "BRR3 469"
 * (54 MHz / 115200), "uart ok", exit 0. Exit 1: clock setup failed,
 * exit 2: TXE never rose on some character.
 */
#include <stdint.h>
#include "board.h"
#include "semihosting.h"

static int send(uint32_t usart, const char *s)
{
    int bad = 0;
    while (*s) {
        bad |= board_uart_putc(usart, *s++);
    }
    return bad;
}

int main(void)
{
    if (board_clock_216mhz() == 0) {
        return 1;
    }
    uint32_t brr1 = board_uart_init(USART1_BASE, 115200);
    uint32_t brr3 = board_uart_init(USART3_BASE, 115200);
    int bad = send(USART1_BASE, "uart1 hello\n");
    bad |= send(USART3_BASE, "uart3 hello\n");
    tinysim_sh_write0("BRR1 ");
    tinysim_sh_put_udec(brr1);
    tinysim_sh_write0("\nBRR3 ");
    tinysim_sh_put_udec(brr3);
    tinysim_sh_writec('\n');
    if (bad) {
        return 2;
    }
    tinysim_sh_write0("uart ok\n");
    return 0;
}
