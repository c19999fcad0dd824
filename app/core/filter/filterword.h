#pragma once

// A word of a filter as the parser reads it, and the term it stands for. Internal.

#include "filterterm.h"

#include <QString>

#include <vector>

namespace Session::FilterDetail {

/// One word as read: quotes removed, escapes resolved, and where each character came from.
struct Word
{
    qsizetype start = 0;
    qsizetype end = 0;
    QString text;
    std::vector<bool> escaped;
    std::vector<qsizetype> source;
    QString field; ///< empty for free text
    qsizetype fieldStart = 0;
    qsizetype fieldEnd = 0;
    qsizetype valueStart = 0;

    bool isWildcard(qsizetype k) const
    {
        return !escaped[size_t(k)] && (text[k] == QLatin1Char('*') || text[k] == QLatin1Char('?'));
    }
    bool hasWildcard(qsizetype from, qsizetype to) const
    {
        for (qsizetype k = from; k < to; ++k) {
            if (isWildcard(k))
                return true;
        }
        return false;
    }
    Glob glob(qsizetype from, qsizetype to) const
    {
        Glob g;
        QString run;
        const auto flush = [&g, &run] {
            if (!run.isEmpty())
                g.appendLiteral(run.toUtf8());
            run.clear();
        };
        for (qsizetype k = from; k < to; ++k) {
            if (isWildcard(k)) {
                flush();
                if (text[k] == QLatin1Char('*'))
                    g.appendStar();
                else
                    g.appendOne();
            } else {
                run += text[k];
            }
        }
        flush();
        g.finish();
        return g;
    }
    /// Where the character before text[to] ends in the filter text.
    qsizetype sourceEnd(qsizetype to) const { return to > 0 ? source[size_t(to - 1)] + 1 : valueStart; }
};

/// Makes the term a word stands for (free text, or field:value). False with `error` set when
/// the word cannot be a term.
/// `columns`: the custom columns col: may name.
bool makeTerm(const Word &w, Term &t, const CustomColumns &columns, FilterError *error);

} // namespace Session::FilterDetail
