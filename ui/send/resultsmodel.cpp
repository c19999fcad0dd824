#include "resultsmodel.h"

#include <QBrush>
#include <QColor>

namespace Gui {

ResultsModel::ResultsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int ResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ResultsModel::statusText(const Delivery::AttemptReport &report)
{
    const Http::ExchangeResult &e = report.exchange;
    if (!e.hasResponse())
        return Http::ExchangeResult::outcomeName(e.outcome);
    return QStringLiteral("%1 %2").arg(e.response.status()).arg(QString::fromUtf8(e.response.reason()));
}

QVariant ResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Delivery::AttemptReport &r = m_rows.at(index.row());
    const bool ok = r.exchange.hasResponse() && r.exchange.response.status() < 400;
    if (role == Qt::ForegroundRole && index.column() == Status)
        return ok ? QVariant() : QVariant(QBrush(QColor(0xc0, 0x39, 0x2b)));
    if (role == Qt::TextAlignmentRole && (index.column() == Attempt || index.column() == Time))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Error)
        return r.exchange.error;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Destination:
        return r.exchange.url.toDisplayString();
    case Attempt:
        return r.attempt;
    case Status:
        return statusText(r);
    case Time:
        return tr("%1 ms").arg(r.exchange.durationMs);
    case Error:
        return r.exchange.error;
    case RetryIn:
        return r.final || r.retryInMs < 0 ? QString() : tr("%1 s").arg(double(r.retryInMs) / 1000.0, 0, 'f', 1);
    }
    return {};
}

QVariant ResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Destination:
        return tr("Destination");
    case Attempt:
        return tr("Attempt");
    case Status:
        return tr("Status");
    case Time:
        return tr("Time");
    case Error:
        return tr("Error");
    case RetryIn:
        return tr("Retry in");
    }
    return {};
}

void ResultsModel::add(const Delivery::AttemptReport &report)
{
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(report);
    endInsertRows();
}

void ResultsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

} // namespace Gui
