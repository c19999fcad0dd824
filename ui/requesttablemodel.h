#pragma once

#include "session/capturedrequest.h"
#include "session/summarystore.h"

#include <QAbstractTableModel>

#include <memory>

namespace Ui {

/// The request table: a thin adapter over a SummaryStore, oldest first. Rows arrive in batches,
/// one beginInsertRows per batch; a reopened session replaces the store in one reset.
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

    /// Adds live rows; ones already shown (same or lower id) are skipped.
    void append(const Session::CapturedBatch &batch);
    /// Shows a freshly loaded session.
    void setStore(std::unique_ptr<Session::SummaryStore> store);
    void clear();
    const Session::SummaryStore &store() const { return *m_store; }
    qint64 idAt(int row) const { return m_store->at(row).id; }

private:
    QVariant display(const Session::RequestSummary &s, int column) const;
    std::unique_ptr<Session::SummaryStore> m_store;
};

} // namespace Ui
