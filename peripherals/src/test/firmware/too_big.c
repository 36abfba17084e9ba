/*
 * A firmware larger than the STM32F746's 1 MB of flash: the loader must refuse it and say by
 * how much. Host expects a FirmwareDoesNotFitException naming the excess bytes.
 */
#include <stdint.h>

const uint8_t blob[1100000] = {1, 2, 3};

static volatile uint32_t index_from_host;

int main(void)
{
    return ((const volatile uint8_t *)blob)[index_from_host];
}
