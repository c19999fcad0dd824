#pragma once

#include <QtGlobal>

namespace Http {

/// Limits the listener enforces on every connection. Defaults follow ARCHITECTURE.md.
struct Limits
{
    qsizetype maxHeadBytes = 64 * 1024;        ///< request line + header fields → 431
    int maxHeaderCount = 256;                  ///< header fields in one request → 431
    qint64 maxBodyBytes = 100LL * 1024 * 1024; ///< decoded body → 413
    int headTimeoutMs = 30'000;                ///< the whole head must arrive within this → 408
    int idleTimeoutMs = 60'000;                ///< keep-alive idle, and a body that stops flowing
    int maxConnections = 1024;                 ///< at the cap a newcomer takes the place of one that waits (Listener)
    int maxPipelined = 64;                     ///< answers owed on one connection before reading pauses
};

} // namespace Http
