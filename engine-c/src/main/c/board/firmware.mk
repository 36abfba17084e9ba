# Makefile fragment for STM32F746 firmwares built on the tinysim board support.
#
#   BOARD := <path to this directory>
#   include $(BOARD)/firmware.mk
#   all: $(OUT)/hello.elf ...
#
# Each $(OUT)/NAME.elf is linked from NAME.c, $(SRCS_NAME) and the board sources.
# Per-firmware extras: CFLAGS_NAME, LDFLAGS_NAME, SRCS_NAME; for all of them
# EXTRA_CFLAGS / EXTRA_LDFLAGS. The environment's CFLAGS/LDFLAGS (host
# flags, e.g. in CI) are deliberately ignored.
# OUT defaults to ./build; override with `make OUT=dir`.

BOARD_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))

CROSS   ?= arm-none-eabi-
CC      := $(CROSS)gcc
SIZE    := $(CROSS)size
OBJDUMP := $(CROSS)objdump
OUT     ?= build

# The STM32F746's FPU is single precision (FPv5-SP): double math goes to
# libgcc. Use FPU=fpv5-d16 only for DP parts (STM32F76x/77x).
FPU      ?= fpv5-sp-d16
CPUFLAGS := -mcpu=cortex-m7 -mthumb -mfpu=$(FPU) -mfloat-abi=hard
OPT      ?= -O2 -g
WARN     ?= -Wall -Wextra -Wno-unused-parameter
FW_CFLAGS = -std=gnu11 $(WARN) $(CPUFLAGS) $(OPT) -ffunction-sections -fdata-sections \
            -I$(BOARD_DIR) $(EXTRA_CFLAGS)
LDSCRIPT ?= $(BOARD_DIR)/stm32f746.ld
# newlib-nano allocates the std FILEs (~450 B) and a 1 KiB stdout buffer on
# first stdio use; without heap printf fails with ENOMEM. HEAP_SIZE=0 is fine
# for firmwares that never touch stdio.
HEAP_SIZE ?= 2048
FW_LDFLAGS = $(CPUFLAGS) --specs=nano.specs -nostartfiles -Wl,--gc-sections \
            -T$(LDSCRIPT) -Wl,--defsym=__heap_size=$(HEAP_SIZE) $(EXTRA_LDFLAGS)
FW_LDLIBS ?= -lm

BOARD_SRCS := $(addprefix $(BOARD_DIR)/, startup_stm32f746.c semihosting.c syscalls.c board.c)
BOARD_HDRS := $(wildcard $(BOARD_DIR)/*.h) $(LDSCRIPT) $(BOARD_DIR)/firmware.mk

.DEFAULT_GOAL := all

.SECONDEXPANSION:
$(OUT)/%.elf: %.c $$(SRCS_$$*) $(BOARD_SRCS) $(BOARD_HDRS) | $(OUT)
	$(CC) $(FW_CFLAGS) $(CFLAGS_$*) $(FW_LDFLAGS) $(LDFLAGS_$*) -Wl,-Map=$(OUT)/$*.map \
	    -o $@ $< $(SRCS_$*) $(BOARD_SRCS) $(FW_LDLIBS)
	@$(SIZE) $@

# Disassembly, for checking what the compiler produced.
$(OUT)/%.lst: $(OUT)/%.elf
	$(OBJDUMP) -d -S $< > $@

$(OUT):
	mkdir -p $@

.PHONY: clean
clean:
	rm -f $(OUT)/*.elf $(OUT)/*.map $(OUT)/*.lst
