#ifndef DANCER_CBLAS_SHIM_H
#define DANCER_CBLAS_SHIM_H
// OpenBLAS's cblas.h (Debian: libopenblas-dev) also declares
// openblas_set_num_threads / openblas_get_num_threads.
#include <cblas.h>
#endif
