#pragma once

#include <QCoreApplication>
#include <QString>

namespace Gui {

class RequestTableModel;

/**
 * "Filter by this value" for a cell of the request table: a term of the filter bar's language
 * (see Session::Filter) that selects the requests with the same value in that column, made from
 * the store's typed fields rather than from the text shown. Values are escaped and quoted as the
 * language wants (`path:"/a b\*"`), and every term is checked to parse and to match its own row.
 *
 * Columns the language cannot express yet (Time, Forwarded, ...) have no term, and say why.
 */
class CellFilter
{
    Q_DECLARE_TR_FUNCTIONS(Gui::CellFilter)

public:
    /// The term for the cell at (`row`, `column`) of `model`.
    static CellFilter of(const RequestTableModel &model, int row, int column);

    bool isValid() const { return !m_term.isEmpty(); }
    /// E.g. `method:POST`, `status:none`, `type:"application/json; charset=utf-8"`,
    /// `warning:missing-host warning:multiple-host`; empty when there is none.
    QString term() const { return m_term; }
    /// The requests without that value: `-term`, or `-(a b)` for a term of several words.
    QString negated() const;
    /// Why there is no term, for the menu item's tooltip.
    QString whyNot() const { return m_whyNot; }

    /// The filter `current` narrowed by `term` (both must hold): `current term`, with `current`
    /// in parentheses when an OR in it would otherwise take `term` into one of its sides. A
    /// `current` that is empty or does not parse (the table shows the last good filter then) is
    /// replaced by `term`.
    static QString narrowed(const QString &current, const QString &term);

private:
    QString m_term;
    QString m_whyNot;
    bool m_several = false; // more than one word
};

} // namespace Gui
