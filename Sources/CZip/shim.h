#ifndef DANCER_CZIP_SHIM_H
#define DANCER_CZIP_SHIM_H
#include <zip.h>
#endif
