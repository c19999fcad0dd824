#include "requesttablemodel.h"

#include "http/request.h"
#include "session/storedrecord.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>

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

} // namespace

RequestTableModel::RequestTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(std::make_unique<Session::SummaryStore>())
{
}

int RequestTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_store->size());
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
    const Session::RequestSummary &s = m_store->at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(s, index.column());
    case Qt::ForegroundRole:
        if (s.flags & Session::FlagRejected)
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
    const qint64 lastId = m_store->isEmpty() ? 0 : m_store->at(m_store->size() - 1).id;
    qsizetype fresh = 0;
    for (const Session::CapturedRequestPtr &r : batch)
        fresh += r->id > lastId;
    if (fresh == 0)
        return;
    const int first = rowCount();
    beginInsertRows({}, first, first + int(fresh) - 1);
    for (const Session::CapturedRequestPtr &r : batch) {
        if (r->id > lastId)
            m_store->append(*r);
    }
    endInsertRows();
}

void RequestTableModel::setStore(std::unique_ptr<Session::SummaryStore> store)
{
    beginResetModel();
    m_store = std::move(store);
    endResetModel();
}

void RequestTableModel::clear()
{
    setStore(std::make_unique<Session::SummaryStore>());
}

} // namespace Ui
