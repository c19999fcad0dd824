#pragma once

#include "session/capturedrequest.h"

#include <QAbstractTableModel>

namespace Ui {

/// The request table: one row per captured or rejected request, oldest first. Rows arrive in
/// batches, one beginInsertRows per batch.
class RequestTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Id, Time, Method, Target, Status, BodySize, ContentType, Remote, Notes, ColumnCount };

    explicit RequestTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void append(const Session::CapturedBatch &batch);
    void clear();
    Session::CapturedRequestPtr requestAt(int row) const { return m_rows.value(row); }

private:
    QVariant display(const Session::CapturedRequest &r, int column) const;
    Session::CapturedBatch m_rows;
};

} // namespace Ui
