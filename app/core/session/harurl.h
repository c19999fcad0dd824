#pragma once
// Shared by the HAR writer and reader.

#include <QByteArray>
#include <QByteArrayView>

namespace Session {
struct CapturedRequest;
}

namespace Session::HarUrl {

// RFC 3986 §3.1: scheme ":" — we look for "scheme://", the only absolute form HTTP uses.
inline qsizetype schemeLength(QByteArrayView s)
{
    const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    qsizetype i = 0;
    if (s.isEmpty() || !alpha(s[0]))
        return -1;
    while (i < s.size() && (alpha(s[i]) || (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' || s[i] == '.'))
        ++i;
    return s.sliced(i).startsWith("://") ? i : -1;
}

} // namespace Session::HarUrl
