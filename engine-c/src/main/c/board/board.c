/* Board helpers; see board.h. Register facts from RM0385. */
#include "board.h"

volatile uint32_t tinysim_ticks;

#define WAIT_LIMIT 1000000u

/* Polls until (reg & mask) == want; 0 on timeout. */
static int wait_bits(volatile uint32_t *reg, uint32_t mask, uint32_t want)
{
    for (uint32_t i = 0; i < WAIT_LIMIT; i++) {
        if ((*reg & mask) == want) {
            return 1;
        }
    }
    return 0;
}

uint32_t board_clock_216mhz(void)
{
    RCC_APB1ENR |= RCC_APB1ENR_PWR;
    (void)RCC_APB1ENR;                       /* clock enable takes effect after a read */
    PWR_CR1 |= 3u << PWR_CR1_VOS_POS;        /* scale 1 */

    RCC_CR |= RCC_CR_HSEON;                  /* crystal, bypass stays off */
    if (!wait_bits(&RCC_CR, RCC_CR_HSERDY, RCC_CR_HSERDY)) {
        return 0;
    }

    uint32_t pll = RCC_PLLCFGR;
    pll &= ~((0x3Fu << RCC_PLLCFGR_M_POS) | (0x1FFu << RCC_PLLCFGR_N_POS)
             | (3u << RCC_PLLCFGR_P_POS) | (0xFu << RCC_PLLCFGR_Q_POS));
    pll |= (25u << RCC_PLLCFGR_M_POS) | (432u << RCC_PLLCFGR_N_POS)
         | (0u << RCC_PLLCFGR_P_POS) /* /2 */ | RCC_PLLCFGR_SRC_HSE
         | (9u << RCC_PLLCFGR_Q_POS);
    RCC_PLLCFGR = pll;
    RCC_CR |= RCC_CR_PLLON;
    if (!wait_bits(&RCC_CR, RCC_CR_PLLRDY, RCC_CR_PLLRDY)) {
        return 0;
    }

    /* Over-drive is needed above 180 MHz (RM0385 "Entering Over-drive mode"). */
    PWR_CR1 |= PWR_CR1_ODEN;
    if (!wait_bits(&PWR_CSR1, PWR_CSR1_ODRDY, PWR_CSR1_ODRDY)) {
        return 0;
    }
    PWR_CR1 |= PWR_CR1_ODSWEN;
    if (!wait_bits(&PWR_CSR1, PWR_CSR1_ODSWRDY, PWR_CSR1_ODSWRDY)) {
        return 0;
    }

    /* 7 wait states for 210-216 MHz at 2.7-3.6 V; must precede the switch. */
    FLASH_ACR = (FLASH_ACR & ~FLASH_ACR_LATENCY_MASK) | 7u | FLASH_ACR_ARTEN | FLASH_ACR_PRFTEN;
    if ((FLASH_ACR & FLASH_ACR_LATENCY_MASK) != 7u) {
        return 0;
    }

    uint32_t cfgr = RCC_CFGR;
    cfgr &= ~((0xFu << RCC_CFGR_HPRE_POS) | (7u << RCC_CFGR_PPRE1_POS) | (7u << RCC_CFGR_PPRE2_POS));
    cfgr |= (5u << RCC_CFGR_PPRE1_POS) | (4u << RCC_CFGR_PPRE2_POS);   /* APB1 /4, APB2 /2 */
    RCC_CFGR = cfgr;

    RCC_CFGR = (RCC_CFGR & ~(3u << RCC_CFGR_SW_POS)) | (2u << RCC_CFGR_SW_POS);
    if (!wait_bits(&RCC_CFGR, 3u << RCC_CFGR_SWS_POS, 2u << RCC_CFGR_SWS_POS)) {
        return 0;
    }
    return board_sysclk_hz();
}

uint32_t board_sysclk_hz(void)
{
    uint32_t sws = (RCC_CFGR >> RCC_CFGR_SWS_POS) & 3u;
    if (sws == 0) {
        return BOARD_HSI_HZ;
    }
    if (sws == 1) {
        return BOARD_HSE_HZ;
    }
    uint32_t pll = RCC_PLLCFGR;
    uint32_t m = (pll >> RCC_PLLCFGR_M_POS) & 0x3Fu;
    uint32_t n = (pll >> RCC_PLLCFGR_N_POS) & 0x1FFu;
    uint32_t p = 2u * (((pll >> RCC_PLLCFGR_P_POS) & 3u) + 1u);
    uint32_t src = (pll & RCC_PLLCFGR_SRC_HSE) ? BOARD_HSE_HZ : BOARD_HSI_HZ;
    if (m == 0) {
        return 0;
    }
    /* 64-bit: src * n overflows 32 bits for legal settings. */
    return (uint32_t)((uint64_t)src * n / m / p);
}

uint32_t board_hclk_hz(void)
{
    uint32_t hpre = (RCC_CFGR >> RCC_CFGR_HPRE_POS) & 0xFu;
    static const uint8_t shift[8] = { 1, 2, 3, 4, 6, 7, 8, 9 };   /* /2 .. /512 */
    uint32_t sys = board_sysclk_hz();
    return (hpre & 8u) ? sys >> shift[hpre & 7u] : sys;
}

static uint32_t apb_hz(uint32_t ppre)
{
    uint32_t h = board_hclk_hz();
    return (ppre & 4u) ? h >> ((ppre & 3u) + 1u) : h;
}

uint32_t board_pclk1_hz(void)
{
    return apb_hz((RCC_CFGR >> RCC_CFGR_PPRE1_POS) & 7u);
}

uint32_t board_pclk2_hz(void)
{
    return apb_hz((RCC_CFGR >> RCC_CFGR_PPRE2_POS) & 7u);
}

/* Alternate function af on one pin (very high speed, no pull). */
static void gpio_af(uint32_t port, uint32_t pin, uint32_t af)
{
    uint32_t b = GPIO_BASE(port);
    RCC_AHB1ENR |= RCC_AHB1ENR_GPIO(port);
    (void)RCC_AHB1ENR;
    GPIO_MODER(b) = (GPIO_MODER(b) & ~(3u << (2 * pin))) | (GPIO_MODE_AF << (2 * pin));
    GPIO_OSPEEDR(b) |= 3u << (2 * pin);
    if (pin < 8) {
        GPIO_AFRL(b) = (GPIO_AFRL(b) & ~(0xFu << (4 * pin))) | (af << (4 * pin));
    } else {
        GPIO_AFRH(b) = (GPIO_AFRH(b) & ~(0xFu << (4 * (pin - 8)))) | (af << (4 * (pin - 8)));
    }
}

uint32_t board_uart_init(uint32_t usart, uint32_t baud)
{
    uint32_t pclk;
    if (usart == USART1_BASE) {
        RCC_APB2ENR |= RCC_APB2ENR_USART1;
        (void)RCC_APB2ENR;
        gpio_af(GPIO_PORT_A, 9, 7);   /* TX */
        gpio_af(GPIO_PORT_B, 7, 7);   /* RX */
        pclk = board_pclk2_hz();
    } else if (usart == USART3_BASE) {
        RCC_APB1ENR |= RCC_APB1ENR_USART3;
        (void)RCC_APB1ENR;
        gpio_af(GPIO_PORT_D, 8, 7);
        gpio_af(GPIO_PORT_D, 9, 7);
        pclk = board_pclk1_hz();
    } else {
        return 0;
    }
    USART_CR1(usart) = 0;                             /* UE off while configuring */
    uint32_t brr = (pclk + baud / 2u) / baud;         /* oversampling by 16 */
    USART_BRR(usart) = brr;
    USART_CR1(usart) = USART_CR1_TE | USART_CR1_RE | USART_CR1_UE;
    return brr;
}

int board_uart_putc(uint32_t usart, char c)
{
    int ok = wait_bits(&USART_ISR(usart), USART_ISR_TXE, USART_ISR_TXE);
    USART_TDR(usart) = (uint8_t)c;
    return ok ? 0 : -1;
}

void board_uart_puts(uint32_t usart, const char *s)
{
    while (*s) {
        board_uart_putc(usart, *s++);
    }
}

void board_uart_put_hex(uint32_t usart, uint32_t v)
{
    board_uart_puts(usart, "0x");
    for (int i = 28; i >= 0; i -= 4) {
        uint32_t nib = (v >> i) & 0xFu;
        board_uart_putc(usart, (char)(nib < 10 ? '0' + nib : 'A' + nib - 10));
    }
}

void board_uart_put_udec(uint32_t usart, uint32_t v)
{
    char buf[11];
    int i = 10;
    buf[i] = '\0';
    do {
        buf[--i] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0);
    board_uart_puts(usart, &buf[i]);
}

void board_gpio_output(uint32_t port, uint32_t pin)
{
    uint32_t b = GPIO_BASE(port);
    RCC_AHB1ENR |= RCC_AHB1ENR_GPIO(port);
    (void)RCC_AHB1ENR;
    GPIO_OTYPER(b) &= ~(1u << pin);
    GPIO_MODER(b) = (GPIO_MODER(b) & ~(3u << (2 * pin))) | (GPIO_MODE_OUT << (2 * pin));
}

void board_gpio_write(uint32_t port, uint32_t pin, int level)
{
    GPIO_BSRR(GPIO_BASE(port)) = level ? (1u << pin) : (1u << (pin + 16));
}

__attribute__((weak)) void board_systick_hook(void)
{
}

/* Weak: an RTOS port (FreeRTOS's xPortSysTickHandler) may take the vector instead. */
__attribute__((weak)) void SysTick_Handler(void)
{
    tinysim_ticks++;
    board_systick_hook();
}

void systick_init(uint32_t ticks)
{
    SYST_CSR = 0;
    SYST_RVR = ticks - 1u;   /* 24-bit reload; period is LOAD + 1 */
    SYST_CVR = 0;            /* any write clears the counter */
    tinysim_ticks = 0;
    SYST_CSR = SYST_CSR_CLKSOURCE | SYST_CSR_TICKINT | SYST_CSR_ENABLE;
}

void systick_stop(void)
{
    SYST_CSR = 0;
}

void delay_ms(uint32_t ms)
{
    uint32_t start = tinysim_ticks;
    while (tinysim_ticks - start < ms) {
    }
}

void dwt_cycles_enable(void)
{
    DEMCR |= DEMCR_TRCENA;
    DWT_LAR = DWT_LAR_UNLOCK;   /* Cortex-M7 DWT is locked after reset */
    DWT_CYCCNT = 0;
    DWT_CTRL |= DWT_CTRL_CYCCNTENA;
}

/* Applies a set/way maintenance register to every line of the L1 D-cache. */
static void dcache_each_line(volatile uint32_t *set_way_register)
{
    SCB_CSSELR = 0;
    __asm__ volatile("dsb" ::: "memory");
    uint32_t ccsidr = SCB_CCSIDR;
    uint32_t sets = ((ccsidr >> 13) & 0x7FFFu) + 1;
    uint32_t ways = ((ccsidr >> 3) & 0x3FFu) + 1;
    for (uint32_t set = 0; set < sets; set++) {
        for (uint32_t way = 0; way < ways; way++) {
            /* F746: 32-byte lines put the set at bit 5; 4 ways put the way at bit 30 */
            *set_way_register = (set << 5) | (way << 30);
        }
    }
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

void board_dcache(int on)
{
    if (on) {
        dcache_each_line(&SCB_DCISW);
        SCB_CCR |= SCB_CCR_DC;
    } else {
        SCB_CCR &= ~SCB_CCR_DC;
        dcache_each_line(&SCB_DCCISW);
    }
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

void board_icache(int on)
{
    __asm__ volatile("dsb\n\tisb" ::: "memory");
    SCB_ICIALLU = 0;
    if (on) {
        SCB_CCR |= SCB_CCR_IC;
    } else {
        SCB_CCR &= ~SCB_CCR_IC;
    }
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}
