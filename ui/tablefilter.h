#pragma once

#include "filter/filter.h"

#include <QObject>

#include <atomic>
#include <memory>

class QThreadPool;
class QTimer;

namespace Gui {

class FilterBar;
class RequestTableModel;

/**
 * The filter of the filter bar, applied to the table: summary fields at once, on this thread (a
 * few milliseconds even at a million rows), then headers and bodies searched in the session file
 * on a pool thread, adding what matches. A new filter or a new session voids a search under way.
 */
class TableFilter : public QObject
{
    Q_OBJECT

public:
    /// `pool` runs the searches; its owner waits for it before this goes.
    TableFilter(RequestTableModel *model, FilterBar *bar, QThreadPool *pool, QObject *parent);
    ~TableFilter() override;

    /// Whether a search through headers and bodies is still running.
    bool isScanning() const { return m_scanRunning; }
    /// Shows the rows of the table that match, searching the file at `sessionPath` for what the
    /// summary fields cannot decide.
    void apply(const Session::Filter &filter, const QString &sessionPath);
    /// The table was loaded afresh from `sessionPath`: the filter shown applies to it too.
    void reapply(const QString &sessionPath);
    /// The session changes: a search in the previous one's file is void.
    void invalidate() { ++m_generation; }

Q_SIGNALS:
    /// The rows shown are about to change, and did: the window keeps the selection across.
    void aboutToChange();
    void changed();
    void error(const QString &message);

private:
    RequestTableModel *m_model;
    FilterBar *m_bar;
    QThreadPool *m_pool;
    QTimer *m_signatureRefilter; // a signature: filter runs again once new results settle
    QString m_sessionPath;
    Session::Filter m_filter;
    int m_generation = 0;
    bool m_scanRunning = false;
    std::shared_ptr<std::atomic<bool>> m_scanCancel;
};

} // namespace Gui
