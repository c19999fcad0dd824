#pragma once

#include "session/capturedrequest.h"
#include "session/summarystore.h"

#include <QAbstractTableModel>

#include <functional>
#include <memory>
#include <vector>

namespace Ui {

/// The request table: a thin adapter over a SummaryStore, oldest first. Rows arrive in batches,
/// one beginInsertRows per batch; a reopened session replaces the store in one reset. A filter
/// is a list of store rows to show, computed elsewhere on typed fields: no proxy model.
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

    /// Decides whether a new row passes the filter shown; null: every row does.
    using RowFilter = std::function<bool(const Session::CapturedRequest &)>;

    /// Adds live rows; ones already shown (same or lower id) are skipped.
    void append(const Session::CapturedBatch &batch);
    /// Shows a freshly loaded session.
    void setStore(std::unique_ptr<Session::SummaryStore> store);
    void clear();
    const Session::SummaryStore &store() const { return *m_store; }

    /// Drops deleted requests from the table.
    void removeIds(const QList<qint64> &ids);
    /// Shows only these store rows (ascending); new rows are shown when `accept` passes them.
    void setFilter(std::vector<quint32> rows, RowFilter accept);
    void clearFilter();
    bool isFiltered() const { return m_filtered; }
    const std::vector<quint32> &visibleRows() const { return m_visible; }

    /// The store row behind a table row.
    qsizetype storeRow(int row) const { return m_filtered ? qsizetype(m_visible[size_t(row)]) : row; }
    qint64 idAt(int row) const { return m_store->at(storeRow(row)).id; }
    /// The table row showing a request, or -1.
    int rowOfId(qint64 id) const;
    /// Bytes the model holds beyond the store, for the memory budget.
    qint64 memoryUsage() const { return qint64(m_visible.capacity() * sizeof(quint32)); }

private:
    QVariant display(const Session::RequestSummary &s, int column) const;
    std::unique_ptr<Session::SummaryStore> m_store;
    bool m_filtered = false;
    std::vector<quint32> m_visible;
    RowFilter m_accept;
};

} // namespace Ui
