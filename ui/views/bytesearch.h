#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <array>
#include <functional>

namespace Gui {

/// Finds a byte string in a text, forwards or backwards, optionally ignoring ASCII case (bytes of
/// multi-byte UTF-8 characters compare exactly, so "É" does not match "é").
class ByteMatcher
{
public:
    ByteMatcher() = default;
    ByteMatcher(QByteArray needle, Qt::CaseSensitivity cs);

    bool isEmpty() const { return m_needle.isEmpty(); }
    qsizetype size() const { return m_needle.size(); }
    QByteArray needle() const { return m_needle; }
    Qt::CaseSensitivity caseSensitivity() const { return m_cs; }

    /// First match starting at or after `from`, or -1.
    qsizetype indexIn(QByteArrayView haystack, qsizetype from = 0) const;
    /// Last match that lies wholly inside `haystack`, or -1.
    qsizetype lastIndexIn(QByteArrayView haystack) const;

    /// Searches `text` in steps of a few MiB so that `cancelled` is checked between them. Forward: the
    /// first match starting at or after `from`; backward: the last match starting before `from`.
    /// Returns -1 when there is none (or when cancelled).
    qint64 search(QByteArrayView text, qint64 from, bool forward, const std::function<bool()> &cancelled) const;

    struct Hit
    {
        qint64 offset = -1;   ///< -1: no match (or cancelled)
        bool wrapped = false; ///< found only by starting again from the other end
    };
    /// search(), and when that finds nothing, again from the other end of `text`: what a find
    /// bar does.
    Hit searchWrapping(QByteArrayView text, qint64 from, bool forward, const std::function<bool()> &cancelled) const;

private:
    unsigned char fold(char c) const { return m_fold[static_cast<unsigned char>(c)]; }
    bool matchesAt(const char *at) const;

    QByteArray m_needle;
    Qt::CaseSensitivity m_cs = Qt::CaseSensitive;
    // Horspool shift tables for searching forwards and backwards, over case-folded bytes.
    std::array<qsizetype, 256> m_skip{};
    std::array<qsizetype, 256> m_skipBack{};
    std::array<unsigned char, 256> m_fold{};
};

} // namespace Gui
