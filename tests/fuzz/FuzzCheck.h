#pragma once

// Helpers shared by the fuzz targets and by their replay driver.

#include <QtGlobal>

#include <cstdio>
#include <cstdlib>

// Aborts on a broken invariant, so that libFuzzer records a crash and saves
// the input. A plain assert() would vanish from release builds.
#define FUZZ_CHECK(condition)                                                      \
    do {                                                                           \
        if (!(condition)) {                                                        \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,        \
                         __LINE__, #condition);                                    \
            std::abort();                                                          \
        }                                                                          \
    } while (false)

namespace Consilium::Fuzz {

// Drops Qt log output. The parsers log each skipped or oversized input, and
// printing that millions of times slows a run down. qFatal still aborts.
inline void silenceQtMessages()
{
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
}

} // namespace Consilium::Fuzz
