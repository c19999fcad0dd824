#include "cellfilter.h"

#include "requesttablemodel.h"

#include "filter/filterevaluator.h"
#include "http/request.h"
#include "session/storedrecord.h"
#include "signing/signing.h"

#include <QStringList>

#include <algorithm>

namespace Gui {

namespace {

QString text(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes.data(), bytes.size());
}

/// A value as the language reads it back: a backslash before `\`, `"`, in a glob `*` and `?`, and
/// `=` when it would end a column's name; in quotes when a space or a parenthesis would end the word.
QString literal(const QString &value, bool glob, bool escapeEquals = false)
{
    QString escaped;
    escaped.reserve(value.size());
    bool quote = value.isEmpty();
    for (const QChar c : value) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('"') ||
            (glob && (c == QLatin1Char('*') || c == QLatin1Char('?'))) || (escapeEquals && c == QLatin1Char('=')))
            escaped += QLatin1Char('\\');
        escaped += c;
        quote = quote || c.isSpace() || c == QLatin1Char('(') || c == QLatin1Char(')');
    }
    return quote ? QString(QLatin1Char('"') + escaped + QLatin1Char('"')) : escaped;
}

/// `field:value`, the value as literal() writes it.
QString word(const char *field, const QString &value, bool glob)
{
    return QLatin1String(field) + QLatin1Char(':') + literal(value, glob);
}

/// The part of a target that `path:` looks at: before the query, after the authority of an
/// absolute-form target (RFC 9112 §3.2.2).
QByteArrayView pathOf(QByteArrayView target)
{
    QByteArrayView path = target;
    const qsizetype scheme = path.indexOf("://");
    if (scheme > 0 && (path.first(scheme).compare("http", Qt::CaseInsensitive) == 0 ||
                       path.first(scheme).compare("https", Qt::CaseInsensitive) == 0)) {
        path = path.sliced(scheme + 3);
        qsizetype start = 0;
        while (start < path.size() && path[start] != '/' && path[start] != '?')
            ++start;
        path = path.sliced(start);
    }
    const qsizetype query = path.indexOf('?');
    return query >= 0 ? path.first(query) : path;
}

/// The Notes cell: rejected, or the reader's warnings, or neither.
QStringList notesWords(const Session::RequestSummary &s)
{
    if (s.flags & Session::FlagRejected)
        return {QStringLiteral("rejected:yes")};
    QStringList words;
    for (quint32 bit = 1; bit != 0; bit <<= 1) {
        if (s.flags & bit) {
            const QString name = Http::Request::warningName(static_cast<Http::Warning>(bit));
            if (!name.isEmpty())
                words << QStringLiteral("warning:") + name;
        }
    }
    if (words.isEmpty())
        words << QStringLiteral("rejected:no") << QStringLiteral("-warning:any");
    return words;
}

/// The Signature cell: the scheme, and the verdict (its reason when invalid).
QStringList signatureWords(const Session::RequestSummary &s)
{
    QStringList words;
    const QString scheme = Session::SummaryStore::schemeId(s);
    if (!scheme.isEmpty())
        words << QStringLiteral("signature:") + scheme;
    const auto verdict = Signing::Verdict(s.signature);
    const QString name = Signing::isInvalid(verdict) ? Signing::reasonName(verdict) : Signing::statusName(verdict);
    if (!name.isEmpty())
        words << QStringLiteral("signature:") + name;
    else // not checked: neither signed nor unsigned as far as Hookscope knows
        words << QStringLiteral("-signature:signed") << QStringLiteral("-signature:unsigned");
    return words;
}

} // namespace

CellFilter CellFilter::of(const RequestTableModel &model, int row, int column)
{
    CellFilter f;
    if (row < 0 || row >= model.rowCount())
        return f;
    const Session::SummaryStore &store = model.store();
    const qsizetype storeRow = model.storeRow(row);
    const Session::RequestSummary &s = store.at(storeRow);
    QStringList words;
    switch (column) {
    case RequestTableModel::Id:
        words << QStringLiteral("id:%1").arg(s.id);
        break;
    case RequestTableModel::Method:
        if (store.method(s).isEmpty())
            f.m_whyNot = tr("This request has no method");
        else
            words << word("method", text(store.method(s)), true);
        break;
    case RequestTableModel::Target:
        if (pathOf(store.target(s)).isEmpty())
            f.m_whyNot = tr("This request has no path to filter by");
        else
            words << word("path", text(pathOf(store.target(s))), true);
        break;
    case RequestTableModel::Status:
        words << (s.status ? QStringLiteral("status:%1").arg(s.status) : QStringLiteral("status:none"));
        break;
    case RequestTableModel::BodySize:
        words << QStringLiteral("size:%1").arg(s.bodySize);
        break;
    case RequestTableModel::ContentType:
        words << (store.contentType(s).isEmpty() ? QStringLiteral("type:none")
                                                 : word("type", text(store.contentType(s)), true));
        break;
    case RequestTableModel::Remote: {
        // The address, not the port: a sender's port changes with every connection.
        const QString &address = store.remoteAddress(s);
        if (address.isEmpty())
            f.m_whyNot = tr("This request has no remote address");
        else if (address.contains(QLatin1Char(':')))
            words << QStringLiteral("remote:[%1]").arg(address);
        else
            words << word("remote", address, true);
        break;
    }
    case RequestTableModel::Notes:
        words = notesWords(s);
        break;
    case RequestTableModel::Signature:
        words = signatureWords(s);
        break;
    case RequestTableModel::Event:
        words << (store.event(s).isEmpty() ? QStringLiteral("-event:?*") : word("event", text(store.event(s)), true));
        break;
    default:
        if (column >= RequestTableModel::ColumnCount && column < model.columnCount()) {
            // A custom column: its value as the store holds it. The summary rows cannot check a
            // col: term (it reads the session file), so the parse is the check.
            const QString name =
                literal(model.customColumns().at(column - RequestTableModel::ColumnCount).name(), true, true);
            const QString value = text(store.customValue(column - RequestTableModel::ColumnCount, storeRow));
            const QString term = value.isEmpty()
                                     ? QString(QStringLiteral("-col:") + name)
                                     : QString(QStringLiteral("col:") + name + QLatin1Char('=') + literal(value, true));
            Session::FilterError error;
            Session::Filter::parse(term, model.customColumns(), &error);
            if (!error.isNull()) {
                f.m_whyNot = tr("The filter cannot select this value exactly");
                return f;
            }
            f.m_term = term;
            return f;
        }
        f.m_whyNot =
            tr("The filter cannot select by %1 yet").arg(model.headerData(column, Qt::Horizontal).toString().toLower());
        return f;
    }
    if (words.isEmpty())
        return f;
    // What the language makes of it must be this row's value: parse it and test it on the row.
    const QString term = words.join(QLatin1Char(' '));
    Session::FilterError error;
    const Session::Filter filter = Session::Filter::parse(term, &error);
    const std::vector<quint32> matched =
        error.isNull() ? Session::FilterEvaluator(filter).evaluate(store, storeRow, storeRow + 1, 1).rows
                       : std::vector<quint32>();
    if (std::find(matched.cbegin(), matched.cend(), quint32(storeRow)) == matched.cend()) {
        f.m_whyNot = tr("The filter cannot select this value exactly");
        return f;
    }
    f.m_term = term;
    f.m_several = words.size() > 1;
    return f;
}

QString CellFilter::negated() const
{
    if (m_term.isEmpty())
        return {};
    if (!m_several && m_term.startsWith(QLatin1Char('-')))
        return m_term.mid(1); // "no event" filtered out is "some event"
    return m_several ? QString(QStringLiteral("-(") + m_term + QLatin1Char(')')) : QString(QLatin1Char('-') + m_term);
}

QString CellFilter::narrowed(const QString &current, const QString &term)
{
    const QString trimmed = current.trimmed();
    Session::FilterError error;
    const Session::Filter before = Session::Filter::parse(trimmed, &error);
    if (!error.isNull() || before.isEmpty())
        return term;
    // The canonical form says what the user's text means; keep their text when it means the same.
    const QString grouped = QLatin1Char('(') + before.toString() + QStringLiteral(") ") + term;
    const QString meant = Session::Filter::parse(grouped).toString();
    for (const QString &candidate : {QString(trimmed + QLatin1Char(' ') + term),
                                     QString(QLatin1Char('(') + trimmed + QStringLiteral(") ") + term)}) {
        const Session::Filter after = Session::Filter::parse(candidate);
        if (after.isValid() && after.toString() == meant)
            return candidate;
    }
    return grouped;
}

} // namespace Gui
