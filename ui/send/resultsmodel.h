#pragma once

#include "delivery/sender.h"

#include <QAbstractTableModel>

namespace Gui {

/// One row per destination and attempt of the messages sent: destination, attempt, status,
/// time, error and the wait before the next attempt, in the order the attempts finished.
class ResultsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Destination, Attempt, Status, Time, Error, RetryIn, ColumnCount };

    explicit ResultsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void add(const Delivery::AttemptReport &report);
    void clear();
    const Delivery::AttemptReport &report(int row) const { return m_rows.at(row); }

    /// "200 OK", or the outcome when there was no response ("connect-failed").
    static QString statusText(const Delivery::AttemptReport &report);

private:
    QList<Delivery::AttemptReport> m_rows;
};

} // namespace Gui
