/*
 * What every FreeRTOS scenario shares: console lines, the 216 MHz clock and DWT, the hooks
 * (idle sleeps in WFI, tick counts with FP work, stack overflow, malloc failure, assert).
 * Exit codes: 0 pass; 2 a scenario check failed; 6 an unexpected stack overflow; 7 malloc
 * failed; 8 configASSERT failed; 9 the scheduler returned; 10 the clock did not start.
 */
#ifndef RTOS_GLUE_H
#define RTOS_GLUE_H

#include <stdint.h>
#include "FreeRTOS.h"
#include "task.h"

#define TICK_CYCLES (configCPU_CLOCK_HZ / configTICK_RATE_HZ)
/* Tick interrupt to running task, through SysTick, the kernel and PendSV: well under this
 * (a tenth of a tick, so a wake one tick early or late still fails). */
#define WAKE_SLACK_CYCLES 20000u

/* Idle hook calls, one WFI each. */
extern volatile uint32_t idle_sleeps;
/* Tick hook calls, and a float advanced by 0.5 in each (FP used inside the SysTick handler). */
extern volatile uint32_t tick_hook_calls;
extern volatile float tick_hook_acc;
/* Set by the overflow scenario: the hook then ends the run with 0 instead of 6. */
extern volatile int overflow_expected;

void say(const char *s);
/* "label value\n". */
void say_u(const char *label, uint32_t value);
uint32_t cycles(void);
/* 216 MHz clock, I-cache on (code runs from flash), DWT cycle counter; call first in main. */
void rtos_board_init(void);
/* Creates a task or ends the run (malloc hook). */
TaskHandle_t spawn(TaskFunction_t code, const char *name, uint32_t priority, void *arg);
/* Starts the scheduler; never returns (exit 9 if it does). */
void rtos_start(void) __attribute__((noreturn));
void finish(int status) __attribute__((noreturn));

#endif
