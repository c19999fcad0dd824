#include "requesttablemodel.h"

#include "http/request.h"
#include "session/storedrecord.h"

#include <QBrush>
#include <QColor>

#include <QGuiApplication>
#include <QPalette>
#include <algorithm>

namespace Ui {

namespace {

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
    return m_filtered ? int(m_visible.size()) : int(m_store->size());
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
    const int first = rowCount();
    if (visible > 0)
        beginInsertRows({}, first, first + int(visible) - 1);
    qsizetype i = 0;
    for (const Session::CapturedRequestPtr &r : batch) {
        if (r->id > lastId) {
            m_store->append(*r);
            if (m_filtered && shown[size_t(i)])
                m_visible.push_back(quint32(m_store->size() - 1));
        }
        ++i;
    }
    if (visible > 0)
        endInsertRows();
}

void RequestTableModel::setStore(std::unique_ptr<Session::SummaryStore> store)
{
    beginResetModel();
    m_store = std::move(store);
    m_filtered = false;
    m_visible.clear();
    m_accept = nullptr;
    endResetModel();
}

void RequestTableModel::clear()
{
    setStore(std::make_unique<Session::SummaryStore>());
}

void RequestTableModel::setFilter(std::vector<quint32> rows, RowFilter accept)
{
    beginResetModel();
    m_filtered = true;
    m_visible = std::move(rows);
    m_accept = std::move(accept);
    endResetModel();
}

void RequestTableModel::clearFilter()
{
    if (!m_filtered)
        return;
    beginResetModel();
    m_filtered = false;
    m_visible.clear();
    m_visible.shrink_to_fit();
    m_accept = nullptr;
    endResetModel();
}

void RequestTableModel::removeIds(const QList<qint64> &ids)
{
    beginResetModel();
    std::vector<qint64> visibleIds;
    if (m_filtered) {
        visibleIds.reserve(m_visible.size());
        for (quint32 row : m_visible)
            visibleIds.push_back(m_store->at(row).id);
    }
    m_store->removeIds(ids);
    if (m_filtered) {
        m_visible.clear();
        for (qint64 id : visibleIds) {
            const qsizetype row = m_store->rowOfId(id);
            if (row >= 0)
                m_visible.push_back(quint32(row));
        }
    }
    endResetModel();
}

int RequestTableModel::rowOfId(qint64 id) const
{
    const qsizetype storeIndex = m_store->rowOfId(id);
    if (storeIndex < 0)
        return -1;
    if (!m_filtered)
        return int(storeIndex);
    const auto it = std::lower_bound(m_visible.cbegin(), m_visible.cend(), quint32(storeIndex));
    return it != m_visible.cend() && *it == quint32(storeIndex) ? int(it - m_visible.cbegin()) : -1;
}

} // namespace Ui
