@ Cortex-M7 calibration microbenchmarks. Each bench_* returns the DWT->CYCCNT cycles between two
@ counter reads around its body. Bodies come in two lengths (or two loop counts) so the host can
@ take the difference and cancel the cost of the reads. Code is placed in ITCM RAM, data in DTCM.
    .syntax unified
    .thumb
    .section .itcm_text, "ax", %progbits

    .equ CYCCNT, 0xE0001004

@ Defines bench_NAME returning the cycles of BODY repeated COUNT times, after SETUP.
    .macro bench name, count, setup, body
    .global bench_\name
    .type bench_\name, %function
    .balign 8
bench_\name:
    push {r4-r11, lr}
    vpush {s0-s3}
    ldr r12, =CYCCNT
    \setup
    ldr.w r10, [r12]
    .rept \count
    \body
    .endr
    ldr.w r11, [r12]
    subs r0, r11, r10
    vpop {s0-s3}
    pop {r4-r11, pc}
    .ltorg
    .endm

@ Defines bench_NAME running a loop of COUNT iterations whose body is LOOP (ending in its branch to 1:).
    .macro loopbench name, count, loop
    .global bench_\name
    .type bench_\name, %function
    .balign 8
bench_\name:
    push {r4-r11, lr}
    ldr r12, =CYCCNT
    ldr.w r10, [r12]
    movw r0, #\count
1:
    \loop
    ldr.w r11, [r12]
    subs r0, r11, r10
    pop {r4-r11, pc}
    .ltorg
    .endm

    .macro nops n
    .rept \n
    nop.w
    .endr
    .endm

@ 1. 37 nop.w + subs.w + uxtb.w + bne.w: 20 cycles per iteration
    .macro loop40
    nops 37
    subs.w r0, r0, #1
    uxtb.w r1, r2
    bne.w 1b
    .endm
    loopbench loop40_k100, 100, loop40
    loopbench loop40_k200, 200, loop40

@ 2. subs/bne delay loop: 1 cycle per iteration
    .macro delay
    subs r0, #1
    bne 1b
    .endm
    loopbench delay_k1000, 1000, delay
    loopbench delay_k2000, 2000, delay

@ 3. MAC chain on the accumulator, independent MUL pairs, MUL result used next
    .macro mac_setup
    mov r1, #3
    mov r2, #5
    mov r0, #0
    .endm
    bench smlad_16, 16, mac_setup, "smlad r0, r1, r2, r0"
    bench smlad_32, 32, mac_setup, "smlad r0, r1, r2, r0"
    bench smlal_16, 16, mac_setup, "smlal r0, r3, r1, r2"
    bench smlal_32, 32, mac_setup, "smlal r0, r3, r1, r2"
    .macro mul_pair
    mul r3, r1, r2
    mul r4, r5, r6
    .endm
    bench mulpair_16, 16, mac_setup, mul_pair
    bench mulpair_32, 32, mac_setup, mul_pair
    .macro mul_use
    mul r3, r1, r2
    add r4, r3, #1
    .endm
    .macro mul_nouse
    mul r3, r1, r2
    add r4, r7, #1
    .endm
    bench muluse_16, 16, mac_setup, mul_use
    bench muluse_32, 32, mac_setup, mul_use
    bench mulnouse_16, 16, mac_setup, mul_nouse
    bench mulnouse_32, 32, mac_setup, mul_nouse

@ 4. word load feeding an ADD, byte load feeding an ADD, LDM of 8 registers
    .macro dtcm_setup
    ldr r0, =calibration_data
    mov r2, #0
    .endm
    .macro ldr_add
    ldr.w r1, [r0]
    add.w r2, r2, r1
    .endm
    .macro ldrb_add
    ldrb.w r1, [r0]
    add.w r2, r2, r1
    .endm
    bench ldradd_16, 16, dtcm_setup, ldr_add
    bench ldradd_32, 32, dtcm_setup, ldr_add
    bench ldrbadd_16, 16, dtcm_setup, ldrb_add
    bench ldrbadd_32, 32, dtcm_setup, ldrb_add
    bench ldm8_8, 8, dtcm_setup, "ldm r0, {r1-r8}"
    bench ldm8_16, 16, dtcm_setup, "ldm r0, {r1-r8}"

@ 5. loop-exit mispredict: flags set right before the branch (8) or 3 cycles before it (6);
@    both bodies take 4 cycles per iteration
    .macro exit_near
    nops 6
    subs r0, #1
    bne 1b
    .endm
    .macro exit_far
    subs r0, #1
    nops 6
    bne 1b
    .endm
    loopbench near_k10, 10, exit_near
    loopbench near_k20, 20, exit_near
    loopbench far_k10, 10, exit_far
    loopbench far_k20, 20, exit_far
    .global bench_loop_overhead
    .type bench_loop_overhead, %function
    .balign 8
bench_loop_overhead:
    push {r4-r11, lr}
    ldr r12, =CYCCNT
    ldr.w r10, [r12]
    movw r0, #10
    ldr.w r11, [r12]
    subs r0, r11, r10
    pop {r4-r11, pc}
    .ltorg

@ 6. FP32: dependent VADD chain, VDIV, VSQRT
    .macro fp_setup
    vmov.f32 s0, #1.0
    vmov.f32 s1, #1.5
    .endm
    bench vadd_16, 16, fp_setup, "vadd.f32 s0, s0, s1"
    bench vadd_32, 32, fp_setup, "vadd.f32 s0, s0, s1"
    bench vdiv_8, 8, fp_setup, "vdiv.f32 s0, s0, s1"
    bench vdiv_16, 16, fp_setup, "vdiv.f32 s0, s0, s1"
    bench vsqrt_8, 8, fp_setup, "vsqrt.f32 s0, s1"
    bench vsqrt_16, 16, fp_setup, "vsqrt.f32 s0, s1"

@ 7. DTCM byte-store stream: one bank vs alternating banks
    .macro strb_one
    strb.w r2, [r0]
    strb.w r2, [r0, #8]
    .endm
    .macro strb_alternate
    strb.w r2, [r0]
    strb.w r2, [r0, #4]
    .endm
    bench strbone_16, 16, dtcm_setup, strb_one
    bench strbone_32, 32, dtcm_setup, strb_one
    bench strbalt_16, 16, dtcm_setup, strb_alternate
    bench strbalt_32, 32, dtcm_setup, strb_alternate

    .bss
    .balign 8
    .global calibration_data
calibration_data:
    .space 64
