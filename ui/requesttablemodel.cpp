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
    return parent.isValid() ? 0 : ColumnCount + int(m_custom.size());
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
        return Session::humanSize(s.bodySize);
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
    case Event:
        return text(m_store->event(s));
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
    case Qt::DisplayRole: {
        const int column = index.column();
        if (column == Id || column == Status)
            return display(s, column); // numbers: nothing to format
        const auto row = quint32(storeRow(index.row()));
        if (const QString *known = m_cells.find(row, column))
            return *known;
        QString shown = column >= ColumnCount ? text(m_store->customValue(column - ColumnCount, row))
                                              : display(s, column).toString();
        m_cells.insert(row, column, shown);
        return shown;
    }
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
        if (index.column() >= ColumnCount)
            return data(index, Qt::DisplayRole);
        if (index.column() == BodySize)
            return tr("%Ln byte(s)", nullptr, int(std::min<qint64>(s.bodySize, std::numeric_limits<int>::max())));
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
    if (orientation == Qt::Horizontal && section >= ColumnCount && section < columnCount()) {
        const Session::CustomColumn &c = m_custom.at(section - ColumnCount);
        if (role == Qt::DisplayRole)
            return c.name();
        if (role == Qt::ToolTipRole)
            return tr("%1 — filter with col:%2")
                .arg(c.describe(),
                     c.name().contains(QLatin1Char(' ')) ? QLatin1Char('"') + c.name() + QLatin1Char('"') : c.name());
        return {};
    }
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
    case Event:
        return tr("Event");
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
    const auto tell = qScopeGuard([this, &batch, lastId, fresh] {
        Session::CapturedBatch records;
        records.reserve(fresh);
        for (const Session::CapturedRequestPtr &r : batch) {
            if (r->id > lastId)
                records.append(r);
        }
        Q_EMIT rowsAppended(records);
    });
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
                m_eventRows += s.event != 0;
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
    m_rowOfSortedValid = false;
    endInsertRows();
    relayout([&] { mergeTail(size_t(first)); });
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
    m_cells.clearColumn(Signature);
    const QList<int> roles{Qt::DisplayRole, Qt::ToolTipRole, BadgeColorRole};
    if (m_sortColumn == Signature) {
        reposition(changed);
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

void RequestTableModel::setCustomColumns(const Session::CustomColumns &columns)
{
    beginResetModel();
    m_custom = columns;
    m_store->setCustomColumnCount(int(columns.size()));
    if (m_sortColumn >= ColumnCount) {
        m_sortColumn = -1; // the column it sorted by is gone
        resort();
    }
    m_cells.clear();
    endResetModel();
}

void RequestTableModel::addCustomColumn(const Session::CustomColumn &column)
{
    const int at = columnCount();
    beginInsertColumns({}, at, at);
    m_custom.append(column);
    m_store->setCustomColumnCount(0); // values are worked out again for all columns
    m_store->setCustomColumnCount(int(m_custom.size()));
    m_cells.clear();
    endInsertColumns();
}

void RequestTableModel::removeCustomColumn(int index)
{
    if (index < 0 || index >= m_custom.size())
        return;
    const int column = ColumnCount + index;
    if (m_sortColumn == column)
        sort(Id, Qt::AscendingOrder);
    beginRemoveColumns({}, column, column);
    m_custom.removeAt(index);
    m_store->removeCustomColumn(index);
    if (m_sortColumn > column)
        --m_sortColumn;
    m_cells.clear();
    endRemoveColumns();
}

void RequestTableModel::setCustomValues(int custom, const QList<qint64> &ids, const QList<QByteArray> &values)
{
    if (custom < 0 || custom >= m_custom.size())
        return;
    const int column = ColumnCount + custom;
    std::vector<quint32> changed;
    changed.reserve(size_t(ids.size()));
    for (qsizetype i = 0; i < ids.size() && i < values.size(); ++i) {
        const qsizetype row = m_store->rowOfId(ids[i]);
        if (row < 0 || m_store->customValue(custom, row) == QByteArrayView(values[i]))
            continue;
        m_store->setCustomValue(custom, row, values[i]);
        changed.push_back(quint32(row));
    }
    if (changed.empty())
        return;
    m_cells.clearColumn(column);
    if (m_sortColumn == column)
        reposition(changed);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, column), index(rowCount() - 1, column), {Qt::DisplayRole});
}

void RequestTableModel::announceSigned(bool had)
{
    if (had != (m_signedRows > 0))
        Q_EMIT signedRowsChanged(m_signedRows > 0);
}

void RequestTableModel::countInStore()
{
    m_signedRows = 0;
    m_eventRows = 0;
    for (qsizetype row = 0; row < m_store->size(); ++row) {
        const Session::RequestSummary &s = m_store->at(row);
        m_signedRows += SignatureBadge::isSigned(s.signatureScheme, s.signature);
        m_eventRows += s.event != 0;
    }
}

void RequestTableModel::setStore(std::unique_ptr<Session::SummaryStore> store)
{
    const bool had = hasSignedRows();
    beginResetModel();
    m_cells.clear();
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
    m_store->setCustomColumnCount(int(m_custom.size()));
    resort();
    countInStore();
    endResetModel();
    announceSigned(had);
    Q_EMIT storeReplaced();
}

void RequestTableModel::setForwardStatuses(QHash<qint64, QList<int>> statuses)
{
    statuses.insert(m_forwards); // what came live while the file was read is newer
    m_forwards = std::move(statuses);
    m_cells.clearColumn(Forwarded);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, Forwarded), index(rowCount() - 1, Forwarded), {Qt::DisplayRole});
}

void RequestTableModel::setForwardStatus(qint64 id, const QList<int> &statuses)
{
    m_forwards.insert(id, statuses);
    if (const qsizetype row = m_store->rowOfId(id); row >= 0)
        m_cells.erase(quint32(row), Forwarded);
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
    m_rowOfSortedValid = false;
    m_cells.clear(); // store rows moved
    m_signatures.forget(ids);
    countInStore();
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
        if (!m_rowOfSortedValid) {
            m_rowOfSorted.assign(size_t(m_store->size()), -1);
            for (size_t row = 0; row < m_sorted.size(); ++row)
                m_rowOfSorted[m_sorted[row]] = int(row);
            m_rowOfSortedValid = true;
        }
        return storeRow < m_rowOfSorted.size() ? m_rowOfSorted[storeRow] : -1;
    }
    if (!m_filtered)
        return int(storeRow);
    const auto it = std::lower_bound(m_filterRows.cbegin(), m_filterRows.cend(), storeRow);
    return it != m_filterRows.cend() && *it == storeRow ? int(it - m_filterRows.cbegin()) : -1;
}

} // namespace Gui
