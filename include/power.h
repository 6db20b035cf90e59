#ifndef _FAULTLINE_POWER_H
#define _FAULTLINE_POWER_H
#include "types.h"

/* Codes written to QEMU's isa-debug-exit port; QEMU exits with (code << 1) | 1. */
#define EXIT_SUCCESS_CODE 0x10   /* -> 33 */
#define EXIT_PANIC 0x11          /* -> 35 */
extern int panic_timeout;
__noreturn void machine_power_off(int code);

#endif
