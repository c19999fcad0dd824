#include "requesttablemodel.h"

#include <QBrush>
#include <QDateTime>
#include <QGuiApplication>
#include <QPalette>

namespace Ui {

RequestTableModel::RequestTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int RequestTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RequestTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

static QString text(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes.data(), bytes.size());
}

QVariant RequestTableModel::display(const Session::CapturedRequest &r, int column) const
{
    const Http::Request &q = r.request;
    switch (Column(column)) {
    case Id:
        return r.id;
    case Time:
        return QDateTime::fromMSecsSinceEpoch(r.receivedAtMs).toString(QStringLiteral("HH:mm:ss.zzz"));
    case Method:
        return q.hasRequestLine() ? text(q.method()) : QString();
    case Target:
        return q.hasRequestLine() ? text(q.target()) : QString();
    case Status:
        return r.responseStatus ? QVariant(r.responseStatus) : QVariant(QStringLiteral("—"));
    case BodySize:
        return qint64(q.body().size());
    case ContentType:
        return text(q.headerValue("Content-Type"));
    case Remote:
        return r.remote();
    case Notes:
        if (r.rejected)
            return tr("rejected: %1").arg(r.errorReason);
        return q.warnings().join(QStringLiteral(", "));
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RequestTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Session::CapturedRequest &r = *m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(r, index.column());
    case Qt::ForegroundRole:
        if (r.rejected)
            return QBrush(QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text));
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
    if (batch.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(batch.size()) - 1);
    m_rows += batch;
    endInsertRows();
}

void RequestTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

} // namespace Ui
