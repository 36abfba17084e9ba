/*
 * The host ABI as HostSessionTest drives it: yield (bkpt 0x42), then obey tinysim_command.
 * 0 exits with status 0; 1 writes host_output[i] = host_input[i] + 1 and counts the command;
 * 2 exits with status 7, so the host sees an exit where it expected a yield.
 */
#include <stdint.h>

volatile uint32_t tinysim_command;
volatile uint8_t host_input[4];
volatile uint8_t host_output[4];
volatile uint32_t host_commands;

int main(void)
{
    for (;;) {
        __asm__ volatile("bkpt 0x42" ::: "memory");
        uint32_t command = tinysim_command;
        if (command == 0) {
            return 0;
        }
        if (command == 2) {
            return 7;
        }
        for (int i = 0; i < 4; i++) {
            host_output[i] = (uint8_t)(host_input[i] + 1);
        }
        host_commands++;
    }
}
