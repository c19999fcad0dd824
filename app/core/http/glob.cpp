#include "glob.h"

namespace Http {

namespace {

/// Iterative matching with one backtrack point (the latest '*'): at worst pattern × text steps,
/// linear for patterns with a single '*' run. `star(t)` is told when a '*' starts matching at text
/// position t, `grow(t)` when the latest '*' is extended to end at t; trailing '*'s start at the end.
template<typename Star, typename Grow>
bool walk(QByteArrayView pattern, QByteArrayView text, Star star, Grow grow)
{
    qsizetype p = 0, t = 0, latest = -1, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            latest = p++;
            mark = t;
            star(t);
        } else if (latest >= 0) {
            p = latest + 1;
            t = ++mark;
            grow(t);
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
        star(t);
    }
    return p == pattern.size();
}

} // namespace

bool globMatch(QByteArrayView pattern, QByteArrayView text)
{
    return walk(
        pattern, text, [](qsizetype) {}, [](qsizetype) {});
}

bool globCapture(QByteArrayView pattern, QByteArrayView text, QList<QByteArrayView> *stars)
{
    // A backtrack only ever grows the latest '*', so the earlier ones stay as they were.
    QList<qsizetype> from, to;
    const bool matched = walk(
        pattern, text,
        [&](qsizetype t) {
            from.append(t);
            to.append(t);
        },
        [&](qsizetype t) { to.last() = t; });
    if (!matched)
        return false;
    stars->clear();
    for (qsizetype i = 0; i < from.size(); ++i)
        stars->append(text.sliced(from.at(i), to.at(i) - from.at(i)));
    return true;
}

} // namespace Http
