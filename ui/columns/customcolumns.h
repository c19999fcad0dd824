#pragma once

#include "session/capturedrequest.h"
#include "session/customcolumn.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

class QPoint;

namespace Gui {

class RequestTableModel;
class RequestTableView;

/**
 * The table's custom columns: the header's context menu adds and removes them, the list is kept
 * in the settings, and their values are worked out on a thread of its own, never per paint:
 * once over the session file when a session is shown (reading only heads, or bodies when a
 * column needs them), then for each batch of new requests. Values reach the model in chunks.
 */
class CustomColumnsController : public QObject
{
    Q_OBJECT

public:
    /// `sessionPath` says which file the rows shown come from.
    CustomColumnsController(RequestTableModel *model, RequestTableView *view, std::function<QString()> sessionPath,
                            QObject *parent);
    ~CustomColumnsController() override;

    const Session::CustomColumns &columns() const;
    /// Adds a column (and saves the list); false when the name is taken.
    bool add(const Session::CustomColumn &column);
    void remove(int index);
    /// Whether values are still being worked out over the session file.
    bool isFilling() const { return m_filling; }

Q_SIGNALS:
    /// The list changed (the filter bar's col: names follow it).
    void columnsChanged(const Session::CustomColumns &columns);
    /// The session's values are all worked out.
    void filled();

private:
    void showHeaderMenu(const QPoint &pos);
    void fillFromFile();
    void fillRecords(const Session::CapturedBatch &records);
    void save();

    RequestTableModel *m_model;
    RequestTableView *m_view;
    std::function<QString()> m_sessionPath;
    QThreadPool m_pool; // a lane of its own: a long fill never holds up the detail pane
    std::shared_ptr<std::atomic<quint64>> m_generation = std::make_shared<std::atomic<quint64>>(0);
    bool m_filling = false;
};

} // namespace Gui
