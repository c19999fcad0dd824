#pragma once

#include "columns/cellcache.h"
#include "session/capturedrequest.h"
#include "session/customcolumn.h"
#include "session/summarystore.h"
#include "signing/signatureresults.h"

#include <QAbstractTableModel>

#include <functional>
#include <memory>
#include <vector>

namespace Gui {

/// The request table: a thin adapter over a SummaryStore, oldest first. Rows arrive in batches,
/// one beginInsertRows per batch; a reopened session replaces the store in one reset. A filter
/// is a list of store rows to show, computed elsewhere on typed fields: no proxy model. Sorting
/// by a column orders a list of store rows by the typed fields too; live rows are merged into it.
class RequestTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    /// New columns come last so header states saved before they existed still fit; the view shows
    /// Signature after Answer and Event after Target.
    enum Column {
        Id,
        Time,
        Method,
        Target,
        Status,
        BodySize,
        ContentType,
        Remote,
        Notes,
        Signature,
        Forwarded,
        Event,
        Rule, ///< the answer rule that answered (empty: the default answer)
        ColumnCount
    };
    enum Role {
        BadgeColorRole = Qt::UserRole + 1, ///< QColor: the cell's text is drawn as a badge of that colour
    };

    explicit RequestTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    /// # ascending is the order of arrival; any other column and order keeps a sorted row list,
    /// ties in arrival order. Selections and the current row stay on their requests.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    bool isSorted() const { return m_sortColumn >= 0; }

    /// Decides whether a new row passes the filter shown; null: every row does.
    using RowFilter = std::function<bool(const Session::CapturedRequest &)>;

    /// Adds live rows; ones already shown (same or lower id) are skipped.
    void append(const Session::CapturedBatch &batch);

    /// The user's columns (a header, or a JSON pointer into the body), after the fixed ones:
    /// column ColumnCount + i is customColumns()[i]. Their values come from setCustomValues.
    void setCustomColumns(const Session::CustomColumns &columns);
    const Session::CustomColumns &customColumns() const { return m_custom; }
    void addCustomColumn(const Session::CustomColumn &column);
    void removeCustomColumn(int index);
    /// Values worked out for requests `ids` (any order) of custom column `custom`: the cells change
    /// in place; sorted by that column, those rows move where their values put them.
    void setCustomValues(int custom, const QList<qint64> &ids, const QList<QByteArray> &values);
    /// Shows a freshly loaded session.
    void setStore(std::unique_ptr<Session::SummaryStore> store);
    void clear();
    const Session::SummaryStore &store() const { return *m_store; }

    /// Drops deleted requests from the table.
    void removeIds(const QList<qint64> &ids);
    /// New signature results (after re-verification): the rows shown change in one dataChanged of
    /// the Signature column; sorted by it, they move. Results for rows not here yet are kept for them.
    void updateSignatures(const Session::SignatureUpdates &updates);
    /// Whether any request in the session is signed (the Signature column is worth showing).
    bool hasSignedRows() const { return m_signedRows > 0; }
    /// Whether any request in the session names its event (the Event column is worth showing).
    bool hasEventRows() const { return m_eventRows > 0; }
    /// The whole signature result of a request when it is known here (recent ones), else null.
    const Signing::Result *signatureResult(qint64 id) const { return m_signatures.find(id); }
    /// What each forward of a request got (final statuses in order; 0: no answer, -1: unfinished),
    /// shown in the Forwarded column: all of them when a session opens, then one request at a time.
    void setForwardStatuses(QHash<qint64, QList<int>> statuses);
    void setForwardStatus(qint64 id, const QList<int> &statuses);
    bool hasForwards() const { return !m_forwards.isEmpty(); }
    /// Shows only these store rows (ascending); new rows are shown when `accept` passes them.
    void setFilter(std::vector<quint32> rows, RowFilter accept);
    void clearFilter();
    bool isFiltered() const { return m_filtered; }
    /// The store rows the filter passes, ascending (whatever the sort order).
    const std::vector<quint32> &filterRows() const { return m_filterRows; }

    /// The store row behind a table row.
    qsizetype storeRow(int row) const
    {
        if (m_sortColumn >= 0)
            return qsizetype(m_sorted[size_t(row)]);
        return m_filtered ? qsizetype(m_filterRows[size_t(row)]) : row;
    }
    qint64 idAt(int row) const { return m_store->at(storeRow(row)).id; }
    /// The table row showing a request, or -1.
    int rowOfId(qint64 id) const;
    int rowOfStoreRow(quint32 storeRow) const;
    /// Bytes the model holds beyond the store, for the memory budget.
    qint64 memoryUsage() const
    {
        return qint64((m_filterRows.capacity() + m_sorted.capacity()) * sizeof(quint32) +
                      m_rowOfSorted.capacity() * sizeof(int));
    }

Q_SIGNALS:
    /// The session got its first signed request, or lost its last.
    void signedRowsChanged(bool any);
    /// Another session's rows are shown (setStore): what was worked out for the old rows is void.
    void storeReplaced();
    /// New requests joined the store (whether the filter shows them or not).
    void rowsAppended(const Session::CapturedBatch &records);

private:
    QVariant display(const Session::RequestSummary &s, int column) const;
    /// Whether store row `a` comes before `b` in the sort order.
    bool before(quint32 a, quint32 b) const;
    /// The rows shown, in store order: the filter's, or all of them.
    std::vector<quint32> shownInStoreOrder() const;
    /// Re-sorts m_sorted from the rows shown.
    void resort();
    /// A number per row that orders it by the sort column (not for Target, which sorts as text).
    std::function<quint64(const Session::RequestSummary &)> sortKey() const;
    /// Runs `change`, which reorders or adds rows, as one layout change that keeps persistent
    /// indexes (selection, current row) on their requests.
    void relayout(const std::function<void()> &change);
    /// Sorts m_sorted from `first` on and merges it into the sorted rows before `first`.
    void mergeTail(size_t first);
    /// Store rows whose sort key changed leave their places and are merged back where they belong.
    void reposition(const std::vector<quint32> &changed);
    /// The text a text column sorts by (Target or a custom column).
    QByteArrayView sortText(int column, quint32 storeRow) const;
    /// Says so when the session has signed rows now and `had` none, or the other way round.
    void announceSigned(bool had);
    /// m_signedRows and m_eventRows counted over the whole store.
    void countInStore();

    std::unique_ptr<Session::SummaryStore> m_store;
    bool m_filtered = false;
    std::vector<quint32> m_filterRows; // filtered: the rows shown, ascending
    int m_sortColumn = -1;             // -1: order of arrival
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    std::vector<quint32> m_sorted; // sorted: the rows shown, in order
    // Sorted: the table row of each store row (-1: hidden), built when first asked after m_sorted
    // changed, so finding a request's row is a lookup rather than a scan of m_sorted.
    mutable std::vector<int> m_rowOfSorted;
    mutable bool m_rowOfSortedValid = false;
    mutable CellCache m_cells;
    RowFilter m_accept;
    qsizetype m_signedRows = 0;
    qsizetype m_eventRows = 0;
    SignatureResults m_signatures;
    QHash<qint64, QList<int>> m_forwards; // by request id
    Session::CustomColumns m_custom;
};

} // namespace Gui
