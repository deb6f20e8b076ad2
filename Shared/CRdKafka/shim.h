#ifndef QYZMET_CRDKAFKA_SHIM_H
#define QYZMET_CRDKAFKA_SHIM_H
#include <librdkafka/rdkafka.h>
#endif
