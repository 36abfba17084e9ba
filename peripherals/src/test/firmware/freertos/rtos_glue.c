#include "rtos_glue.h"
#include "board.h"
#include "semihosting.h"

volatile uint32_t idle_sleeps;
volatile uint32_t tick_hook_calls;
volatile float tick_hook_acc;
volatile int overflow_expected;

void say(const char *s)
{
    tinysim_sh_write0(s);
}

void say_u(const char *label, uint32_t value)
{
    tinysim_sh_write0(label);
    tinysim_sh_writec(' ');
    tinysim_sh_put_udec(value);
    tinysim_sh_writec('\n');
}

uint32_t cycles(void)
{
    return dwt_cycles();
}

void finish(int status)
{
    tinysim_sh_exit(status);
}

void rtos_board_init(void)
{
    if (board_clock_216mhz() != configCPU_CLOCK_HZ) {
        say("clock did not reach 216 MHz\n");
        finish(10);
    }
    board_icache(1);
    dwt_cycles_enable();
}

TaskHandle_t spawn(TaskFunction_t code, const char *name, uint32_t priority, void *arg)
{
    TaskHandle_t handle = NULL;
    if (xTaskCreate(code, name, configMINIMAL_STACK_SIZE, arg, priority, &handle) != pdPASS) {
        vApplicationMallocFailedHook();
    }
    return handle;
}

void rtos_start(void)
{
    vTaskStartScheduler();
    say("scheduler returned\n");
    finish(9);
}

void rtos_assert_failed(const char *file, int line)
{
    say("assert failed ");
    say(file);
    say_u(":", (uint32_t)line);
    finish(8);
}

void vApplicationIdleHook(void)
{
    idle_sleeps++;
    __asm__ volatile("dsb\n\twfi\n\tisb" ::: "memory");
}

void vApplicationTickHook(void)
{
    tick_hook_calls++;
    tick_hook_acc += 0.5f;
}

void vApplicationStackOverflowHook(TaskHandle_t task, char *name)
{
    (void)task;
    say("stack overflow hook: ");
    say(name);
    say("\n");
    finish(overflow_expected ? 0 : 6);
}

void vApplicationMallocFailedHook(void)
{
    say("malloc failed\n");
    finish(7);
}
