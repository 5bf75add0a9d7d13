#ifndef CFUZZDRIVER_H
#define CFUZZDRIVER_H
#include <stddef.h>
#include <stdint.h>

/* libFuzzer's entry for programs that have a main of their own (SwiftPM names the executable's entry point
   <product>_main and points main at it); defined by the runtime that -sanitize=fuzzer links. */
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
