/* Declarations only (include/CFuzzDriver.h); SwiftPM wants one source file in a C target. */
#include "CFuzzDriver.h"
