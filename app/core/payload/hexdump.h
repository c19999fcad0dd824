#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Payload {

inline constexpr int kHexBytesPerLine = 16;

/// Hex digits of the offset column for a body of `size` bytes: 8, more from 4 GiB on, so every
/// line of one view has the same width.
int hexOffsetDigits(qint64 size);

/// Characters in a full line (16 bytes) with that offset width; shorter last lines are shorter.
constexpr qsizetype hexDumpLineWidth(int offsetDigits)
{
    return offsetDigits + 2 + 3 * kHexBytesPerLine + 2 + 1 + kHexBytesPerLine + 1;
}

/**
 * Writes the hexdump -C style line for the up to 16 bytes of `data` starting at `offset`:
 * "00000010  48 54 54 50 2f 31 2e 31  0d 0a 48 6f 73 74 3a 20  |HTTP/1.1..Host: |".
 * A short last line is padded so its text column lines up. Bytes outside 0x20–0x7e show as '.'.
 * `out` needs hexDumpLineWidth(offsetDigits) bytes; returns the count written (0 past the end).
 * No allocation, for painting the visible rows of a virtualized view.
 */
qsizetype writeHexDumpLine(char *out, QByteArrayView data, qint64 offset, int offsetDigits = 8);

/// writeHexDumpLine() as a QString.
QString hexDumpLine(QByteArrayView data, qint64 offset, int offsetDigits = 8);

/// Lines for all of `data`, each ending in '\n' (for "copy as hex dump").
QByteArray hexDump(QByteArrayView data);

} // namespace Payload
