/*
 * An interrupt gives a semaphore: a priority-1 task pends IRQ 97 through STIR; its handler
 * (NVIC priority 6, under configMAX_SYSCALL_INTERRUPT_PRIORITY) calls xSemaphoreGiveFromISR
 * and portYIELD_FROM_ISR, so the priority-3 task runs before the triggering task's next
 * statement: it sees the marker the trigger set before pending the IRQ.
 */
#include "rtos_glue.h"
#include "semphr.h"
#include "stm32f746_regs.h"

#define SOFT_IRQ 97u
#define NVIC_STIR REG32(0xE000EF00u)
#define NVIC_IPR_BYTE(n) (*(volatile uint8_t *)(uintptr_t)(0xE000E400u + (n)))

static SemaphoreHandle_t event;
static volatile uint32_t marker;

void IRQ97_Handler(void)
{
    BaseType_t woken = pdFALSE;
    xSemaphoreGiveFromISR(event, &woken);
    portYIELD_FROM_ISR(woken);
}

static void handler(void *arg)
{
    for (;;) {
        xSemaphoreTake(event, portMAX_DELAY);
        say_u("handled, marker", marker);
    }
}

static void trigger(void *arg)
{
    for (uint32_t n = 1; n <= 3; n++) {
        marker = n;
        say_u("trigger", n);
        NVIC_STIR = SOFT_IRQ;
        __asm__ volatile("dsb\n\tisb" ::: "memory");
        marker = 100 + n;
    }
    say("isr ok\n");
    finish(0);
}

int main(void)
{
    rtos_board_init();
    event = xSemaphoreCreateBinary();
    NVIC_IPR_BYTE(SOFT_IRQ) = 6u << (8 - configPRIO_BITS);
    NVIC_ISER(SOFT_IRQ / 32u) = 1u << (SOFT_IRQ % 32u);
    spawn(handler, "handler", 3, NULL);
    spawn(trigger, "trigger", 1, NULL);
    rtos_start();
}
