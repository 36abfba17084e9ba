/*
 * tinysim demo: 216 MHz, banner on USART1 (the DISCO board's VCP), one
 * int8 3x3 conv + ReLU (16x16x8 -> 16x16x8, kernel in ITCM), checksum and
 * DWT cycle count on USART1, LED (PI1) toggled, exit 0 via semihosting.
 * UART1 output:
 *   "tinysim demo: conv3x3+relu int8 16x16x8\n"
 *   "checksum 0xB5F22CE8\n"
 *   "cycles N\n"
 * Semihosting: "demo checksum 0xB5F22CE8\n". Exit 0; exit 1 if the clock
 * did not come up, exit 2 if the checksum is not the expected value.
 */
#include <stdint.h>
#include "board.h"
#include "conv.h"
#include "semihosting.h"

#define EXPECTED_CHECKSUM 0xB5F22CE8u
#define UART USART1_BASE

static int8_t input[CONV_H * CONV_W * CONV_CIN];
static int8_t weights[CONV_COUT * CONV_K * CONV_K * CONV_CIN];
static int32_t bias[CONV_COUT];
static int8_t output[CONV_H * CONV_W * CONV_COUT];

int main(void)
{
    if (board_clock_216mhz() == 0) {
        tinysim_sh_write0("demo: clock setup failed\n");
        return 1;
    }
    board_icache(1);
    board_uart_init(UART, 115200);
    board_uart_puts(UART, "tinysim demo: conv3x3+relu int8 16x16x8\n");

    conv_make_data(input, weights, bias);
    const struct conv_params p = { .mult = 1518500250, .shift = 8 };   /* ~0.707 / 256 */
    dwt_cycles_enable();
    uint32_t start = dwt_cycles();
    conv3x3_relu(input, weights, bias, &p, output);
    uint32_t cycles = dwt_cycles() - start;
    uint32_t sum = conv_checksum(output, (int)sizeof output);

    board_uart_puts(UART, "checksum ");
    board_uart_put_hex(UART, sum);
    board_uart_puts(UART, "\ncycles ");
    board_uart_put_udec(UART, cycles);
    board_uart_puts(UART, "\n");

    board_gpio_output(GPIO_PORT_I, 1);
    board_gpio_write(GPIO_PORT_I, 1, 1);
    board_gpio_write(GPIO_PORT_I, 1, 0);

    tinysim_sh_put_named_hex("demo checksum", sum);
    return sum == EXPECTED_CHECKSUM ? 0 : 2;
}
