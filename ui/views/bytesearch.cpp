#include "bytesearch.h"

#include <algorithm>

namespace Gui {

namespace {

constexpr qint64 searchStep = 4 * 1024 * 1024;

} // namespace

ByteMatcher::ByteMatcher(QByteArray needle, Qt::CaseSensitivity cs)
    : m_needle(std::move(needle))
    , m_cs(cs)
{
    for (int c = 0; c < 256; ++c)
        m_fold[c] = (cs == Qt::CaseInsensitive && c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
    const qsizetype n = m_needle.size();
    m_skip.fill(n);
    m_skipBack.fill(n);
    const auto setBoth = [this](std::array<qsizetype, 256> &table, char c, qsizetype shift) {
        const unsigned char lower = fold(c);
        table[lower] = shift;
        if (m_cs == Qt::CaseInsensitive && lower >= 'a' && lower <= 'z')
            table[lower - ('a' - 'A')] = shift;
    };
    // Horspool: how far the window may move when its last (first, backwards) byte is b.
    for (qsizetype i = 0; i + 1 < n; ++i)
        setBoth(m_skip, m_needle[i], n - 1 - i);
    for (qsizetype i = n - 1; i >= 1; --i)
        setBoth(m_skipBack, m_needle[i], i);
}

bool ByteMatcher::matchesAt(const char *at) const
{
    const char *needle = m_needle.constData();
    for (qsizetype i = m_needle.size() - 1; i >= 0; --i) {
        if (fold(at[i]) != fold(needle[i]))
            return false;
    }
    return true;
}

qsizetype ByteMatcher::indexIn(QByteArrayView haystack, qsizetype from) const
{
    const qsizetype n = m_needle.size();
    if (n == 0 || from < 0)
        return -1;
    const char *data = haystack.data();
    for (qsizetype pos = from; pos + n <= haystack.size();
         pos += m_skip[static_cast<unsigned char>(data[pos + n - 1])]) {
        if (matchesAt(data + pos))
            return pos;
    }
    return -1;
}

qsizetype ByteMatcher::lastIndexIn(QByteArrayView haystack) const
{
    const qsizetype n = m_needle.size();
    if (n == 0)
        return -1;
    const char *data = haystack.data();
    for (qsizetype pos = haystack.size() - n; pos >= 0; pos -= m_skipBack[static_cast<unsigned char>(data[pos])]) {
        if (matchesAt(data + pos))
            return pos;
    }
    return -1;
}

qint64 ByteMatcher::search(QByteArrayView text, qint64 from, bool forward, const std::function<bool()> &cancelled) const
{
    const qint64 n = m_needle.size();
    if (n == 0 || n > text.size())
        return -1;
    from = std::clamp<qint64>(from, 0, text.size());
    if (forward) {
        // Windows overlap by n - 1 bytes so that no match is split between two of them.
        for (qint64 start = from; start + n <= text.size(); start += searchStep) {
            if (cancelled && cancelled())
                return -1;
            const qint64 end = std::min<qint64>(text.size(), start + searchStep + n - 1);
            const qsizetype hit = indexIn(text.sliced(start, end - start));
            if (hit >= 0)
                return start + hit;
        }
        return -1;
    }
    for (qint64 end = std::min<qint64>(text.size(), from + n - 1); end >= n;) {
        if (cancelled && cancelled())
            return -1;
        const qint64 start = std::max<qint64>(0, end - searchStep - (n - 1));
        const qsizetype hit = lastIndexIn(text.sliced(start, end - start));
        if (hit >= 0)
            return start + hit;
        if (start == 0)
            break;
        end = start + n - 1;
    }
    return -1;
}

ByteMatcher::Hit ByteMatcher::searchWrapping(QByteArrayView text, qint64 from, bool forward,
                                             const std::function<bool()> &cancelled) const
{
    Hit hit;
    hit.offset = search(text, from, forward, cancelled);
    if (hit.offset < 0 && !(cancelled && cancelled())) {
        hit.offset = search(text, forward ? 0 : text.size(), forward, cancelled);
        hit.wrapped = hit.offset >= 0;
    }
    return hit;
}

} // namespace Gui
