/*
 * Device reads the native hook answers (DWT CYCCNT, SysTick VAL, SysTick CTRL word reads) mixed with
 * ones Java answers (DWT CTRL, a byte read of SysTick CTRL's COUNTFLAG byte) in one block, at
 * different instruction positions, across SysTick wraps. COUNTFLAG clears on read, so a second CTRL
 * read and the byte read must see what the reads before them left, whichever side answered them.
 * Then USART1's ISR (served natively from the value the device publishes) around RDR reads, an ICR
 * write and a TDR write, with "ab" queued by the host: the last line, "usart ...".
 * Prints every value read; NativeDeviceReadsTest compares the output with native reads off.
 */
#include <stdint.h>
#include "board.h"
#include "semihosting.h"
#include "stm32f746_regs.h"

#define ROUNDS 64
#define DWT_CTRL REG32(0xE0001000u)

#define SYST_CSR_BYTE2 (*(volatile uint8_t *)0xE000E012u)
#define COLUMNS 7

#define USART_RDR(b) REG32((b) + 0x24)
#define USART_ICR(b) REG32((b) + 0x20)
#define USART_SEEN 7

static uint32_t seen[ROUNDS][COLUMNS];

static void usart_status(void)
{
    uint32_t u[USART_SEEN];
    USART_CR1(USART1_BASE) = USART_CR1_UE | USART_CR1_RE | USART_CR1_TE;
    u[0] = USART_ISR(USART1_BASE);
    u[1] = USART_RDR(USART1_BASE);
    u[2] = USART_ISR(USART1_BASE);
    u[3] = USART_RDR(USART1_BASE);
    u[4] = USART_ISR(USART1_BASE);
    USART_ICR(USART1_BASE) = USART_ISR_TC;
    u[5] = USART_ISR(USART1_BASE);
    USART_TDR(USART1_BASE) = '!';
    u[6] = USART_ISR(USART1_BASE);
    tinysim_sh_write0("usart");
    for (uint32_t i = 0; i < USART_SEEN; i++) {
        tinysim_sh_write0(" ");
        tinysim_sh_put_udec(u[i]);
    }
    tinysim_sh_write0("\n");
}

int main(void)
{
    dwt_cycles_enable();
    SYST_RVR = 999u;
    SYST_CVR = 0;
    SYST_CSR = SYST_CSR_ENABLE | SYST_CSR_CLKSOURCE;
    volatile uint32_t sink = 0;
    for (uint32_t r = 0; r < ROUNDS; r++) {
        uint32_t a = DWT_CYCCNT;
        uint32_t v = SYST_CVR;
        for (uint32_t k = 0; k < (r & 7u); k++) {
            sink += k * r;
        }
        uint32_t csr = SYST_CSR;
        uint32_t csr_again = SYST_CSR;
        for (uint32_t k = 0; k < (r & 3u); k++) {
            sink += k;
        }
        uint32_t flag_byte = SYST_CSR_BYTE2;
        uint32_t b = DWT_CYCCNT;
        uint32_t ctrl = DWT_CTRL;
        seen[r][0] = a;
        seen[r][1] = v;
        seen[r][2] = csr;
        seen[r][3] = b;
        seen[r][4] = ctrl & 1u;
        seen[r][5] = csr_again;
        seen[r][6] = flag_byte;
    }
    for (uint32_t r = 0; r < ROUNDS; r++) {
        for (uint32_t i = 0; i < COLUMNS; i++) {
            tinysim_sh_put_udec(seen[r][i]);
            tinysim_sh_write0(i == COLUMNS - 1 ? "\n" : " ");
        }
    }
    usart_status();
    return 0;
}
