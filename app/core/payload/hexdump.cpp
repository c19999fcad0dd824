#include "hexdump.h"

#include <array>

namespace Payload {

namespace {

constexpr char kHex[] = "0123456789abcdef";

} // namespace

int hexOffsetDigits(qint64 size)
{
    const quint64 last = size > 0 ? quint64(size - 1) : 0;
    int digits = 8;
    while (digits < 16 && last >> (4 * digits) != 0)
        ++digits;
    return digits;
}

qsizetype writeHexDumpLine(char *out, QByteArrayView data, qint64 offset, int offsetDigits)
{
    if (offset < 0 || offset >= data.size())
        return 0;
    const qsizetype n = qMin<qsizetype>(kHexBytesPerLine, data.size() - qsizetype(offset));
    const auto *bytes = reinterpret_cast<const unsigned char *>(data.data() + offset);
    char *p = out;
    for (int i = offsetDigits - 1; i >= 0; --i)
        *p++ = kHex[(quint64(offset) >> (4 * i)) & 0xf];
    *p++ = ' ';
    *p++ = ' ';
    for (qsizetype i = 0; i < kHexBytesPerLine; ++i) {
        if (i < n) {
            *p++ = kHex[bytes[i] >> 4];
            *p++ = kHex[bytes[i] & 0xf];
        } else {
            *p++ = ' ';
            *p++ = ' ';
        }
        *p++ = ' ';
        if (i == kHexBytesPerLine / 2 - 1)
            *p++ = ' ';
    }
    *p++ = ' ';
    *p++ = '|';
    for (qsizetype i = 0; i < n; ++i)
        *p++ = bytes[i] >= 0x20 && bytes[i] < 0x7f ? char(bytes[i]) : '.';
    *p++ = '|';
    return p - out;
}

QString hexDumpLine(QByteArrayView data, qint64 offset, int offsetDigits)
{
    std::array<char, hexDumpLineWidth(16)> buf;
    const qsizetype n = writeHexDumpLine(buf.data(), data, offset, qBound(1, offsetDigits, 16));
    return QString::fromLatin1(buf.data(), n);
}

QByteArray hexDump(QByteArrayView data)
{
    const int digits = hexOffsetDigits(data.size());
    const qsizetype lines = (data.size() + kHexBytesPerLine - 1) / kHexBytesPerLine;
    QByteArray out;
    out.resize(lines * (hexDumpLineWidth(digits) + 1));
    char *p = out.data();
    for (qint64 offset = 0; offset < data.size(); offset += kHexBytesPerLine) {
        p += writeHexDumpLine(p, data, offset, digits);
        *p++ = '\n';
    }
    out.resize(p - out.data());
    return out;
}

} // namespace Payload
