#include "glob.h"

namespace Http {

bool globMatch(QByteArrayView pattern, QByteArrayView text)
{
    // Iterative matching with one backtrack point: linear for patterns with a single '*' run.
    qsizetype p = 0, t = 0, star = -1, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (star >= 0) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

bool globCapture(QByteArrayView pattern, QByteArrayView text, QList<QByteArrayView> *stars)
{
    // globMatch's walk, noting where each '*' starts and ends: a backtrack only ever grows the
    // latest '*', so the earlier ones stay as they were, and the walk costs what globMatch's does.
    struct Span
    {
        qsizetype from, length;
    };
    QList<Span> spans;
    qsizetype p = 0, t = 0, star = -1, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
            spans.append({t, 0});
        } else if (star >= 0) {
            p = star + 1;
            t = ++mark;
            spans.last().length = t - spans.last().from;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
        spans.append({t, 0});
    }
    if (p != pattern.size())
        return false;
    stars->clear();
    for (const Span &span : spans)
        stars->append(text.sliced(span.from, span.length));
    return true;
}

} // namespace Http
