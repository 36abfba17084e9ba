/*
 * GPIOI pin 1 (the STM32F746G-DISCO user LED) as push-pull output, toggled
 * four times through BSRR: set, reset, set, reset.
 * Host expects GPIOI ODR bit 1 to go 1,0,1,0 (4 edges), and on semihosting
 * "ODR 0x00000002", "ODR 0x00000000" twice over, "gpio ok", exit 0.
 * Exit 1: ODR readback did not follow BSRR; exit 2: MODER not output.
 */
#include <stdint.h>
#include "board.h"
#include "semihosting.h"

int main(void)
{
    const uint32_t port = GPIO_PORT_I, pin = 1;
    board_gpio_output(port, pin);
    if (((GPIO_MODER(GPIO_BASE(port)) >> (2 * pin)) & 3u) != GPIO_MODE_OUT) {
        return 2;
    }
    int bad = 0;
    for (int i = 0; i < 4; i++) {
        int level = (i % 2) == 0;
        board_gpio_write(port, pin, level);
        uint32_t odr = GPIO_ODR(GPIO_BASE(port));
        tinysim_sh_put_named_hex("ODR", odr);
        bad |= ((odr >> pin) & 1u) != (uint32_t)level;
    }
    if (bad) {
        return 1;
    }
    tinysim_sh_write0("gpio ok\n");
    return 0;
}
