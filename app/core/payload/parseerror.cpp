#include "parseerror.h"

#include <cstring>

namespace Payload {

ParseError ParseError::at(QByteArrayView input, qint64 offset, QString reason)
{
    ParseError e;
    e.offset = offset;
    e.reason = std::move(reason);
    const qint64 end = qBound<qint64>(0, offset, input.size());
    const char *const base = input.data();
    const char *p = base;
    const char *lineStart = base;
    qint64 line = 1;
    // memchr keeps this fast for errors near the end of a large body.
    while (const void *nl = std::memchr(p, '\n', size_t(base + end - p))) {
        ++line;
        p = static_cast<const char *>(nl) + 1;
        lineStart = p;
    }
    // UTF-16 units: an ASCII or 2/3-byte UTF-8 lead byte is one unit, a 4-byte lead is a surrogate
    // pair, continuation bytes add nothing. Invalid bytes each become one U+FFFD, close enough.
    qint64 column = 1;
    for (const char *q = lineStart; q < base + end; ++q) {
        const auto u = static_cast<unsigned char>(*q);
        if (u >= 0x80 && u < 0xc0)
            continue;
        column += u >= 0xf0 ? 2 : 1;
    }
    e.line = line;
    e.column = column;
    return e;
}

} // namespace Payload
