#include "historymodel.h"

#include "session/capturedrequest.h"

#include <QDateTime>

namespace Gui {

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Entry &e = m_entries.at(index.row());
    const QString where = e.message.destinations.isEmpty() ? tr("no destination")
                          : e.message.destinations.size() == 1
                              ? e.message.destinations.first().toDisplayString()
                              : tr("%1 and %n more", nullptr, int(e.message.destinations.size() - 1))
                                    .arg(e.message.destinations.first().toDisplayString());
    const QString time = Session::localTimeText(e.sentAtMs); // cached per second: cheap for every row
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1  %2 %3\n%4%5")
            .arg(time, QString::fromUtf8(e.message.method), where,
                 e.message.name.isEmpty() ? QString() : e.message.name + QStringLiteral(" — "), e.outcome);
    case Qt::ToolTipRole:
        return QDateTime::fromMSecsSinceEpoch(e.sentAtMs).toString(Qt::ISODateWithMs);
    }
    return {};
}

void HistoryModel::add(const Entry &entry)
{
    beginInsertRows({}, 0, 0);
    m_entries.prepend(entry);
    endInsertRows();
}

void HistoryModel::setFromFile(const QList<Entry> &fromFile)
{
    beginResetModel();
    m_entries.removeIf([](const Entry &e) { return e.messageId == 0; });
    m_entries += fromFile;
    endResetModel();
}

int HistoryModel::rowOf(qint64 messageId) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).messageId == messageId)
            return row;
    }
    return -1;
}

void HistoryModel::setOutcome(qint64 messageId, const QString &outcome)
{
    const int row = rowOf(messageId);
    if (row < 0)
        return;
    m_entries[row].outcome = outcome;
    Q_EMIT dataChanged(index(row), index(row));
}

} // namespace Gui
