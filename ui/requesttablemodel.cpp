#include "requesttablemodel.h"

#include "http/request.h"
#include "session/storedrecord.h"
#include "signing/signaturebadge.h"

#include <QBrush>
#include <QColor>

#include <QGuiApplication>
#include <QHash>
#include <QPalette>
#include <QScopeGuard>

#include <algorithm>
#include <limits>
#include <type_traits>
#include <utility>

namespace Gui {

namespace {

/// "→ 201", "→ 201, 502", "→ —" (no answer), "→ …" (not finished); empty when not forwarded.
QString forwardText(const QList<int> &statuses)
{
    if (statuses.isEmpty())
        return {};
    QStringList parts;
    for (int status : statuses)
        parts << (status > 0 ? QString::number(status) : status == 0 ? QStringLiteral("—") : QStringLiteral("…"));
    return QStringLiteral("→ ") + parts.join(QStringLiteral(", "));
}

/// Orders rows by their first forward's outcome: none, unfinished, no answer, then by status.
quint64 forwardKey(const QList<int> &statuses)
{
    return statuses.isEmpty() ? 0 : quint64(statuses.constFirst() + 2);
}

QString text(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes.data(), bytes.size());
}

QString warningsText(qint64 flags)
{
    QStringList names;
    for (quint32 bit = 1; bit != 0; bit <<= 1) {
        if (flags & bit)
            names.append(Http::Request::warningName(static_cast<Http::Warning>(bit)));
    }
    names.removeAll(QString());
    return names.join(QStringLiteral(", "));
}

/// A signed number as an unsigned one in the same order (times before 1970 come from HAR files).
quint64 ordered(qint64 value)
{
    return quint64(value) ^ (quint64(1) << 63);
}

/// Red for server errors, amber for client errors, in shades that read on the palette in use.
QColor statusColor(int status)
{
    const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    if (status >= 500)
        return dark ? QColor(255, 107, 94) : QColor(192, 40, 32);
    return dark ? QColor(240, 166, 70) : QColor(166, 84, 0);
}

} // namespace

RequestTableModel::RequestTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(std::make_unique<Session::SummaryStore>())
{
}

int RequestTableModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    if (m_sortColumn >= 0)
        return int(m_sorted.size());
    return m_filtered ? int(m_filterRows.size()) : int(m_store->size());
}

int RequestTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestTableModel::display(const Session::RequestSummary &s, int column) const
{
    switch (Column(column)) {
    case Id:
        return s.id;
    case Time:
        return Session::localTimeText(s.receivedAtMs);
    case Method:
        return text(m_store->method(s));
    case Target:
        return text(m_store->target(s));
    case Status:
        return s.status ? QVariant(int(s.status)) : QVariant(QStringLiteral("—"));
    case BodySize:
        return s.bodySize;
    case ContentType:
        return text(m_store->contentType(s));
    case Remote: {
        const QString &address = m_store->remoteAddress(s);
        const QString host =
            address.contains(QLatin1Char(':')) ? QLatin1Char('[') + address + QLatin1Char(']') : address;
        return QString(host + QLatin1Char(':') + QString::number(s.remotePort));
    }
    case Notes:
        if (s.flags & Session::FlagRejected)
            return tr("rejected (%1)").arg(s.errorStatus);
        return warningsText(s.flags & 0xffffffff);
    case Signature:
        return SignatureBadge::text(s.signatureScheme, Signing::Verdict(s.signature));
    case Forwarded:
        return forwardText(m_forwards.value(s.id));
    case Rule:
        return text(m_store->answerRule(s));
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RequestTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Session::RequestSummary &s = m_store->at(storeRow(index.row()));
    switch (role) {
    case Qt::DisplayRole:
        return display(s, index.column());
    case Qt::BackgroundRole:
        // Rejected rows are tinted: a translucent red reads on light and dark palettes alike.
        if (s.flags & Session::FlagRejected)
            return QBrush(QColor(220, 50, 47, 48));
        return {};
    case Qt::ForegroundRole:
        if ((s.flags & Session::FlagRejected) && index.column() == Notes)
            return QBrush(statusColor(500));
        if (index.column() == Status && s.status >= 400)
            return QBrush(statusColor(s.status));
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Signature)
            return SignatureBadge::toolTip(s.signatureScheme, Signing::Verdict(s.signature), m_signatures.find(s.id));
        return {};
    case BadgeColorRole:
        if (index.column() == Signature) {
            const QColor color = SignatureBadge::color(Signing::Verdict(s.signature), QGuiApplication::palette());
            return color.isValid() ? QVariant(color) : QVariant();
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Id || index.column() == BodySize || index.column() == Status)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant RequestTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Id:
        return tr("#");
    case Time:
        return tr("Time");
    case Method:
        return tr("Method");
    case Target:
        return tr("Target");
    case Status:
        return tr("Answer");
    case BodySize:
        return tr("Body");
    case ContentType:
        return tr("Content type");
    case Remote:
        return tr("Remote");
    case Notes:
        return tr("Notes");
    case Signature:
        return tr("Signature");
    case Forwarded:
        return tr("Forwarded");
    case Rule:
        return tr("Rule");
    case ColumnCount:
        break;
    }
    return {};
}

void RequestTableModel::append(const Session::CapturedBatch &batch)
{
    const qint64 lastId = m_store->isEmpty() ? 0 : m_store->at(m_store->size() - 1).id;
    // Which of the new rows the table shows, decided before telling the view how many come.
    std::vector<bool> shown;
    shown.reserve(size_t(batch.size()));
    qsizetype fresh = 0;
    qsizetype visible = 0;
    for (const Session::CapturedRequestPtr &r : batch) {
        const bool isNew = r->id > lastId;
        const bool show = isNew && (!m_filtered || !m_accept || m_accept(*r));
        shown.push_back(show);
        fresh += isNew;
        visible += show;
    }
    if (fresh == 0)
        return;
    std::vector<quint32> added;
    added.reserve(size_t(visible));
    const auto store = [&] {
        qsizetype i = 0;
        for (const Session::CapturedRequestPtr &r : batch) {
            if (r->id > lastId) {
                m_store->append(*r);
                const qsizetype row = m_store->size() - 1;
                // A newer result that came before the row wins (its whole result is kept already).
                Session::SummarySignature later;
                if (m_signatures.hasHeld() && m_signatures.takeHeld(r->id, &later))
                    m_store->setSignature(row, later);
                else
                    m_signatures.remember(r->id, r->signature);
                const Session::RequestSummary &s = m_store->at(row);
                m_signedRows += SignatureBadge::isSigned(s.signatureScheme, s.signature);
                if (shown[size_t(i)])
                    added.push_back(quint32(row));
            }
            ++i;
        }
        if (m_filtered)
            m_filterRows.insert(m_filterRows.end(), added.cbegin(), added.cend());
    };
    const auto announce = qScopeGuard([this, had = hasSignedRows()] { announceSigned(had); });
    if (m_sortColumn < 0) {
        // In order of arrival the new rows go at the end.
        const int first = rowCount();
        if (visible > 0)
            beginInsertRows({}, first, first + int(visible) - 1);
        store();
        if (visible > 0)
            endInsertRows();
        return;
    }
    // Sorted: the new rows are added at the end, then moved where they belong by a layout
    // change that keeps the row count. A layout change that also added rows would leave a
    // "whole table" selection spanning the new rows too (QItemSelectionModel keeps its range).
    if (visible == 0) {
        store();
        return;
    }
    const int first = rowCount();
    beginInsertRows({}, first, first + int(visible) - 1);
    store();
    m_sorted.insert(m_sorted.end(), added.cbegin(), added.cend());
    endInsertRows();
    relayout([&] { mergeTail(size_t(first)); });
}

void RequestTableModel::mergeTail(size_t first)
{
    // Each new row finds its place by binary search; the rows between are copied in blocks.
    const auto less = [this](quint32 a, quint32 b) { return before(a, b); };
    const auto old = m_sorted.cbegin();
    const auto oldEnd = old + qsizetype(first);
    std::sort(m_sorted.begin() + qsizetype(first), m_sorted.end(), less);
    std::vector<quint32> merged;
    merged.reserve(m_sorted.size());
    auto from = old;
    for (auto it = oldEnd; it != m_sorted.cend(); ++it) {
        const auto at = std::upper_bound(from, oldEnd, *it, less);
        merged.insert(merged.end(), from, at);
        merged.push_back(*it);
        from = at;
    }
    merged.insert(merged.end(), from, oldEnd);
    m_sorted = std::move(merged);
}

void RequestTableModel::updateSignatures(const Session::SignatureUpdates &updates)
{
    const auto announce = qScopeGuard([this, had = hasSignedRows()] { announceSigned(had); });
    std::vector<quint32> changed;
    for (const Session::SignatureUpdate &u : updates) {
        m_signatures.remember(u.id, u.result);
        const Session::SummarySignature now = Session::SummaryStore::signatureOf(u.result);
        const qsizetype row = m_store->rowOfId(u.id);
        if (row < 0) {
            m_signatures.hold(u.id, now); // its row is on its way (or the session still loads)
            continue;
        }
        const Session::RequestSummary &s = m_store->at(row);
        if (s.signatureScheme == now.scheme && s.signature == now.verdict)
            continue;
        m_signedRows += qsizetype(SignatureBadge::isSigned(now.scheme, now.verdict)) -
                        qsizetype(SignatureBadge::isSigned(s.signatureScheme, s.signature));
        m_store->setSignature(row, now);
        changed.push_back(quint32(row));
    }
    if (changed.empty())
        return;
    const QList<int> roles{Qt::DisplayRole, Qt::ToolTipRole, BadgeColorRole};
    if (m_sortColumn == Signature) {
        // The changed rows leave their places and are merged back where their new verdict puts them.
        std::vector<bool> moved(size_t(m_store->size()), false);
        for (quint32 row : changed)
            moved[row] = true;
        relayout([&] {
            const auto tail =
                std::stable_partition(m_sorted.begin(), m_sorted.end(), [&moved](quint32 row) { return !moved[row]; });
            mergeTail(size_t(tail - m_sorted.begin()));
        });
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, Signature), index(rowCount() - 1, Signature), roles);
        return;
    }
    // One range over the rows that changed; the view repaints only the cells it shows.
    int low = std::numeric_limits<int>::max();
    int high = -1;
    const auto widen = [&](int row) {
        if (row >= 0) {
            low = std::min(low, row);
            high = std::max(high, row);
        }
    };
    if (m_sortColumn < 0) {
        for (quint32 row : changed)
            widen(rowOfStoreRow(row)); // a binary search at most
    } else {
        std::vector<bool> marked(size_t(m_store->size()), false);
        for (quint32 row : changed)
            marked[row] = true;
        for (size_t i = 0; i < m_sorted.size(); ++i) {
            if (marked[m_sorted[i]])
                widen(int(i));
        }
    }
    if (high >= 0)
        Q_EMIT dataChanged(index(low, Signature), index(high, Signature), roles);
}

void RequestTableModel::announceSigned(bool had)
{
    if (had != (m_signedRows > 0))
        Q_EMIT signedRowsChanged(m_signedRows > 0);
}

qsizetype RequestTableModel::signedInStore() const
{
    qsizetype n = 0;
    for (qsizetype row = 0; row < m_store->size(); ++row) {
        const Session::RequestSummary &s = m_store->at(row);
        n += SignatureBadge::isSigned(s.signatureScheme, s.signature);
    }
    return n;
}

void RequestTableModel::setStore(std::unique_ptr<Session::SummaryStore> store)
{
    const bool had = hasSignedRows();
    beginResetModel();
    m_store = std::move(store);
    m_filtered = false;
    m_filterRows.clear();
    m_accept = nullptr;
    // Results that came while the session loaded may be newer than what the file gave.
    const QHash<qint64, Session::SummarySignature> held = m_signatures.takeHeld();
    for (auto it = held.cbegin(); it != held.cend(); ++it) {
        const qsizetype row = m_store->rowOfId(it.key());
        if (row >= 0)
            m_store->setSignature(row, it.value());
        else
            m_signatures.hold(it.key(), it.value()); // captured while loading: added next
    }
    resort();
    m_signedRows = signedInStore();
    endResetModel();
    announceSigned(had);
}

void RequestTableModel::setForwardStatuses(QHash<qint64, QList<int>> statuses)
{
    statuses.insert(m_forwards); // what came live while the file was read is newer
    m_forwards = std::move(statuses);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, Forwarded), index(rowCount() - 1, Forwarded), {Qt::DisplayRole});
}

void RequestTableModel::setForwardStatus(qint64 id, const QList<int> &statuses)
{
    m_forwards.insert(id, statuses);
    if (const int row = rowOfId(id); row >= 0)
        Q_EMIT dataChanged(index(row, Forwarded), index(row, Forwarded), {Qt::DisplayRole});
}

void RequestTableModel::clear()
{
    m_signatures.clear(); // another session: no result kept applies to it
    m_forwards.clear();
    setStore(std::make_unique<Session::SummaryStore>());
}

void RequestTableModel::setFilter(std::vector<quint32> rows, RowFilter accept)
{
    beginResetModel();
    m_filtered = true;
    m_filterRows = std::move(rows);
    m_accept = std::move(accept);
    resort();
    endResetModel();
}

void RequestTableModel::clearFilter()
{
    if (!m_filtered)
        return;
    beginResetModel();
    m_filtered = false;
    m_filterRows.clear();
    m_filterRows.shrink_to_fit();
    m_accept = nullptr;
    resort();
    endResetModel();
}

void RequestTableModel::removeIds(const QList<qint64> &ids)
{
    const bool had = hasSignedRows();
    beginResetModel();
    // Store rows move when rows go; ids do not. Keep the lists shown as ids meanwhile.
    const auto idsOf = [this](const std::vector<quint32> &rows) {
        std::vector<qint64> out;
        out.reserve(rows.size());
        for (quint32 row : rows)
            out.push_back(m_store->at(row).id);
        return out;
    };
    const auto rowsOf = [this](const std::vector<qint64> &kept) {
        std::vector<quint32> out;
        out.reserve(kept.size());
        for (qint64 id : kept) {
            const qsizetype row = m_store->rowOfId(id);
            if (row >= 0)
                out.push_back(quint32(row));
        }
        return out;
    };
    const std::vector<qint64> filterIds = idsOf(m_filterRows);
    const std::vector<qint64> sortedIds = idsOf(m_sorted);
    m_store->removeIds(ids);
    m_filterRows = rowsOf(filterIds);
    m_sorted = rowsOf(sortedIds);
    m_signatures.forget(ids);
    m_signedRows = signedInStore();
    endResetModel();
    announceSigned(had);
}

int RequestTableModel::rowOfId(qint64 id) const
{
    const qsizetype storeIndex = m_store->rowOfId(id);
    return storeIndex < 0 ? -1 : rowOfStoreRow(quint32(storeIndex));
}

int RequestTableModel::rowOfStoreRow(quint32 storeRow) const
{
    if (m_sortColumn >= 0) {
        const auto it = std::find(m_sorted.cbegin(), m_sorted.cend(), storeRow);
        return it != m_sorted.cend() ? int(it - m_sorted.cbegin()) : -1;
    }
    if (!m_filtered)
        return int(storeRow);
    const auto it = std::lower_bound(m_filterRows.cbegin(), m_filterRows.cend(), storeRow);
    return it != m_filterRows.cend() && *it == storeRow ? int(it - m_filterRows.cbegin()) : -1;
}

void RequestTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    const int wanted = column == Id && order == Qt::AscendingOrder ? -1 : column;
    if (wanted == m_sortColumn && (wanted < 0 || order == m_sortOrder))
        return;
    relayout([&] {
        m_sortColumn = wanted;
        m_sortOrder = order;
        resort();
    });
}

bool RequestTableModel::before(quint32 a, quint32 b) const
{
    // Ties go by arrival, in the same direction, so the order is total and merges are exact.
    const Session::RequestSummary &x = m_store->at(a);
    const Session::RequestSummary &y = m_store->at(b);
    int c = 0;
    const auto compare = [](auto l, auto r) { return l < r ? -1 : (r < l ? 1 : 0); };
    switch (Column(m_sortColumn)) {
    case Id:
        break;
    case Time:
        c = compare(x.receivedAtMs, y.receivedAtMs);
        break;
    case Method:
        c = x.method == y.method ? 0 : compare(m_store->method(x), m_store->method(y));
        break;
    case Target:
        c = compare(m_store->target(x), m_store->target(y));
        break;
    case Status:
        c = compare(x.status, y.status);
        break;
    case BodySize:
        c = compare(x.bodySize, y.bodySize);
        break;
    case ContentType:
        c = x.contentType == y.contentType ? 0 : compare(m_store->contentType(x), m_store->contentType(y));
        break;
    case Remote:
        c = x.remote == y.remote ? 0 : compare(m_store->remoteAddress(x), m_store->remoteAddress(y));
        if (c == 0)
            c = compare(x.remotePort, y.remotePort);
        break;
    case Notes:
        c = compare(x.flags, y.flags);
        break;
    case Signature:
        c = compare(SignatureBadge::sortKey(x.signatureScheme, x.signature),
                    SignatureBadge::sortKey(y.signatureScheme, y.signature));
        break;
    case Forwarded:
        c = compare(forwardKey(m_forwards.value(x.id)), forwardKey(m_forwards.value(y.id)));
        break;
    case Rule:
        c = x.answerRule == y.answerRule ? 0 : compare(m_store->answerRule(x), m_store->answerRule(y));
        break;
    case ColumnCount:
        break;
    }
    if (c == 0)
        c = compare(a, b);
    return m_sortOrder == Qt::AscendingOrder ? c < 0 : c > 0;
}

std::vector<quint32> RequestTableModel::shownInStoreOrder() const
{
    if (m_filtered)
        return m_filterRows;
    std::vector<quint32> all(size_t(m_store->size()));
    for (size_t i = 0; i < all.size(); ++i)
        all[i] = quint32(i);
    return all;
}

void RequestTableModel::resort()
{
    if (m_sortColumn < 0) {
        m_sorted.clear();
        m_sorted.shrink_to_fit();
        return;
    }
    m_sorted = shownInStoreOrder();
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    if (m_sortColumn == Target) {
        // Text: the first 16 bytes as two big-endian numbers decide most comparisons without
        // touching the arena; equal prefixes compare the rest as bytes.
        struct Keyed
        {
            quint64 head[2];
            QByteArrayView rest;
            quint32 row;
        };
        std::vector<Keyed> keyed;
        keyed.reserve(m_sorted.size());
        for (quint32 row : m_sorted) {
            const QByteArrayView target = m_store->target(m_store->at(row));
            Keyed k{{0, 0}, target.size() > 16 ? target.sliced(16) : QByteArrayView(), row};
            for (qsizetype i = 0; i < 16; ++i) {
                const quint64 byte = i < target.size() ? quint8(target[i]) : 0;
                k.head[i / 8] |= byte << (8 * (7 - i % 8));
            }
            keyed.push_back(k);
        }
        // A shorter text that is a prefix of a longer one pads with zero bytes: same order as
        // bytewise comparison, except against real zero bytes, which targets cannot hold.
        const auto less = [descending](const Keyed &x, const Keyed &y) {
            int c = x.head[0] != y.head[0]   ? (x.head[0] < y.head[0] ? -1 : 1)
                    : x.head[1] != y.head[1] ? (x.head[1] < y.head[1] ? -1 : 1)
                                             : x.rest.compare(y.rest);
            if (c == 0)
                c = x.row < y.row ? -1 : (x.row > y.row ? 1 : 0);
            return descending ? c > 0 : c < 0;
        };
        std::sort(keyed.begin(), keyed.end(), less);
        for (size_t i = 0; i < keyed.size(); ++i)
            m_sorted[i] = keyed[i].row;
        return;
    }
    // Everything else becomes one number per row, sorted with the row as the tie-break: flat
    // pairs sort many times faster than a comparator that visits the store.
    std::vector<std::pair<quint64, quint32>> keyed;
    keyed.reserve(m_sorted.size());
    const std::function<quint64(const Session::RequestSummary &)> key = sortKey();
    for (quint32 row : m_sorted) {
        const quint64 k = key(m_store->at(row));
        keyed.emplace_back(descending ? ~k : k, descending ? ~row : row);
    }
    std::sort(keyed.begin(), keyed.end());
    for (size_t i = 0; i < keyed.size(); ++i)
        m_sorted[i] = descending ? ~keyed[i].second : keyed[i].second;
}

std::function<quint64(const Session::RequestSummary &)> RequestTableModel::sortKey() const
{
    // Pools (methods, content types, addresses) hold few values: rank them once by their text.
    const auto ranks = [this](auto poolIndex, auto text) {
        using Text = std::decay_t<decltype(text(std::declval<const Session::RequestSummary &>()))>;
        QHash<quint32, Text> seen;
        for (qsizetype i = 0; i < m_store->size(); ++i) {
            const quint32 p = poolIndex(m_store->at(i));
            if (!seen.contains(p))
                seen.insert(p, text(m_store->at(i)));
        }
        std::vector<std::pair<Text, quint32>> sorted;
        for (auto it = seen.cbegin(); it != seen.cend(); ++it)
            sorted.emplace_back(it.value(), it.key());
        std::sort(sorted.begin(), sorted.end());
        auto rank = std::make_shared<QHash<quint32, quint64>>();
        for (size_t i = 0; i < sorted.size(); ++i)
            rank->insert(sorted[i].second, quint64(i));
        return rank;
    };
    switch (Column(m_sortColumn)) {
    case Time:
        return [](const Session::RequestSummary &s) { return ordered(s.receivedAtMs); };
    case Method: {
        const auto rank = ranks([](const Session::RequestSummary &s) { return quint32(s.method); },
                                [this](const Session::RequestSummary &s) { return m_store->method(s).toByteArray(); });
        return [rank](const Session::RequestSummary &s) { return rank->value(s.method); };
    }
    case Status:
        return [](const Session::RequestSummary &s) { return quint64(s.status); };
    case BodySize:
        return [](const Session::RequestSummary &s) { return ordered(s.bodySize); };
    case ContentType: {
        const auto rank =
            ranks([](const Session::RequestSummary &s) { return quint32(s.contentType); },
                  [this](const Session::RequestSummary &s) { return m_store->contentType(s).toByteArray(); });
        return [rank](const Session::RequestSummary &s) { return rank->value(s.contentType); };
    }
    case Remote: {
        const auto rank = ranks([](const Session::RequestSummary &s) { return s.remote; },
                                [this](const Session::RequestSummary &s) { return m_store->remoteAddress(s); });
        return [rank](const Session::RequestSummary &s) { return rank->value(s.remote) << 16 | s.remotePort; };
    }
    case Notes:
        return [](const Session::RequestSummary &s) { return ordered(s.flags); };
    case Signature:
        return [](const Session::RequestSummary &s) { return SignatureBadge::sortKey(s.signatureScheme, s.signature); };
    case Forwarded:
        return [this](const Session::RequestSummary &s) { return forwardKey(m_forwards.value(s.id)); };
    case Rule: {
        const auto rank =
            ranks([](const Session::RequestSummary &s) { return quint32(s.answerRule); },
                  [this](const Session::RequestSummary &s) { return m_store->answerRule(s).toByteArray(); });
        return [rank](const Session::RequestSummary &s) { return rank->value(s.answerRule); };
    }
    case Id:
    case Target:
    case ColumnCount:
        break;
    }
    return [](const Session::RequestSummary &) { return quint64(0); };
}

void RequestTableModel::relayout(const std::function<void()> &change)
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    // Rows are only reordered or added here, so store rows stay valid across the change.
    const QModelIndexList was = persistentIndexList();
    std::vector<quint32> storeRows;
    storeRows.reserve(size_t(was.size()));
    for (const QModelIndex &index : was)
        storeRows.push_back(quint32(storeRow(index.row())));
    change();
    // Where each request is now. Unsorted, a search each is cheapest for the few indexes a
    // selection usually holds; sorted (a search is a scan) or for many, one pass over the table.
    constexpr qsizetype kSearchEach = 64;
    std::vector<int> inverse;
    if (!storeRows.empty() && (m_sortColumn >= 0 || storeRows.size() > size_t(kSearchEach))) {
        inverse.assign(size_t(m_store->size()), -1);
        for (int row = 0, rows = rowCount(); row < rows; ++row)
            inverse[size_t(storeRow(row))] = row;
    }
    QModelIndexList now;
    now.reserve(was.size());
    for (qsizetype i = 0; i < was.size(); ++i) {
        const quint32 r = storeRows[size_t(i)];
        const int row = inverse.empty() ? rowOfStoreRow(r) : inverse[r];
        now.append(row < 0 ? QModelIndex() : index(row, was.at(i).column()));
    }
    changePersistentIndexList(was, now);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

} // namespace Gui
