#pragma once

// Small helpers the hand-run benchmarks share.

#include <QByteArray>
#include <QFile>

namespace Benchmark {

/// This process's resident memory in KiB, from /proc/self/status (-1 if it cannot be read).
inline qint64 residentKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

} // namespace Benchmark
