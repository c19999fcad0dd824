#pragma once

#include <QObject>

namespace Capture {
class SessionController;
}

namespace Gui {

class RecordSource;
class RequestDetail;
class RequestTableModel;
class RequestTableView;
class TableFilter;

/**
 * The detail pane follows the table's selection: one selected request is shown, from memory
 * when it is recent, else read from the session file off the GUI thread (a newer selection
 * wins). A filter change keeps the selected request selected when the new filter shows it; when
 * it hides it, the detail says so, and the request is selected again once a filter shows it,
 * unless the user has selected another meanwhile.
 */
class SelectionDetail : public QObject
{
    Q_OBJECT

public:
    SelectionDetail(RequestTableView *table, RequestTableModel *model, TableFilter *filter, RecordSource *records,
                    Capture::SessionController *sessions, RequestDetail *detail, QObject *parent);

    /// Whether the request shown below the table is the one selected (loading done).
    bool isReady() const;
    /// The selected request that the filter hides, or 0.
    qint64 hiddenId() const { return m_hiddenId; }
    /// Shows what the selection is now.
    void update();

Q_SIGNALS:
    void error(const QString &message);

private:
    RequestTableView *m_table;
    RequestTableModel *m_model;
    RecordSource *m_records;
    Capture::SessionController *m_sessions;
    RequestDetail *m_detail;
    int m_generation = 0;
    qint64 m_wantedId = 0; // the request the detail shows or is loading
    qint64 m_keep = 0;     // selected before the filter changed the rows
    qint64 m_hiddenId = 0; // selected, but the filter shown hides it
};

} // namespace Gui
