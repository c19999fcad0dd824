// The request table's order: sorting by any column on the typed fields of the summary store,
// merging live rows into a sorted table, and keeping selections on their requests as rows move.

#include "requesttablemodel.h"

#include "signing/signaturebadge.h"

#include <QHash>

#include <algorithm>
#include <memory>
#include <type_traits>
#include <utility>

namespace Gui {

namespace {

/// Orders rows by their first forward's outcome: none, unfinished, no answer, then by status.
quint64 forwardKey(const QList<int> &statuses)
{
    return statuses.isEmpty() ? 0 : quint64(statuses.constFirst() + 2);
}

/// A signed number as an unsigned one in the same order (times before 1970 come from HAR files).
quint64 ordered(qint64 value)
{
    return quint64(value) ^ (quint64(1) << 63);
}

} // namespace

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

void RequestTableModel::reposition(const std::vector<quint32> &changed)
{
    std::vector<bool> moved(size_t(m_store->size()), false);
    for (quint32 row : changed)
        moved[row] = true;
    relayout([&] {
        const auto tail =
            std::stable_partition(m_sorted.begin(), m_sorted.end(), [&moved](quint32 row) { return !moved[row]; });
        mergeTail(size_t(tail - m_sorted.begin()));
    });
}

void RequestTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= columnCount())
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
    if (m_sortColumn >= ColumnCount)
        c = compare(sortText(m_sortColumn, a), sortText(m_sortColumn, b));
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
    case Event:
        c = x.event == y.event ? 0 : compare(m_store->event(x), m_store->event(y));
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

QByteArrayView RequestTableModel::sortText(int column, quint32 storeRow) const
{
    return column >= ColumnCount ? m_store->customValue(column - ColumnCount, storeRow)
                                 : m_store->target(m_store->at(storeRow));
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
    m_rowOfSortedValid = false;
    if (m_sortColumn < 0) {
        m_sorted.clear();
        m_sorted.shrink_to_fit();
        return;
    }
    m_sorted = shownInStoreOrder();
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    if (m_sortColumn == Target || m_sortColumn >= ColumnCount) {
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
            const QByteArrayView target = sortText(m_sortColumn, row);
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
    case Event: {
        const auto rank = ranks([](const Session::RequestSummary &s) { return quint32(s.event); },
                                [this](const Session::RequestSummary &s) { return m_store->event(s).toByteArray(); });
        return [rank](const Session::RequestSummary &s) { return rank->value(s.event); };
    }
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
    m_rowOfSortedValid = false;
    change();
    m_rowOfSortedValid = false;
    // Where each request is now: sorted, the reverse index is built once for all of them.
    QModelIndexList now;
    now.reserve(was.size());
    for (qsizetype i = 0; i < was.size(); ++i) {
        const int row = rowOfStoreRow(storeRows[size_t(i)]);
        now.append(row < 0 ? QModelIndex() : index(row, was.at(i).column()));
    }
    changePersistentIndexList(was, now);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

} // namespace Gui
