#pragma once

// What the curl tests (tst_curl, tst_curlimport) print when bytes or header lines differ.

#include "http/request.h"
#include "http/response.h"

#include <QString>
#include <QStringList>

namespace CurlTesting {

/// Printable ASCII as it is, every other byte (and the backslash) as \xHH.
inline QString shown(QByteArrayView bytes)
{
    QString out;
    for (char c : bytes) {
        const auto b = static_cast<uchar>(c);
        if (b >= 0x20 && b < 0x7f && b != '\\')
            out += QLatin1Char(c);
        else
            out += QStringLiteral("\\x%1").arg(b, 2, 16, QLatin1Char('0'));
    }
    return out;
}

/// Header lines one per line, so a failed comparison shows which one differs.
inline QString headerLines(const Http::HeaderList &headers)
{
    QStringList out;
    for (const auto &[name, value] : headers)
        out += shown(name) + QLatin1String(": ") + shown(value);
    return out.join(QLatin1Char('\n'));
}

inline QString headerLines(const Http::Request &r)
{
    Http::HeaderList headers;
    for (qsizetype i = 0; i < r.headerCount(); ++i)
        headers.append({r.header(i).name.toByteArray(), r.header(i).value.toByteArray()});
    return headerLines(headers);
}

} // namespace CurlTesting
