#pragma once

#include "session/capturedrequest.h"

#include <QHash>
#include <QObject>

class QTimer;

namespace Capture {
class CaptureEngine;
}

namespace Gui {

class RecordSource;
class RequestDetail;
class RequestTableModel;
class SignatureSettings;

/**
 * Keeps what the window shows of signatures current when re-verification changes results (the
 * secrets changed, or an older session was opened): the table's rows, the records kept for quick
 * selection, and the request shown; and hands the detail the secrets the engine verifies with. Results are gathered and
 * applied once per UI tick, so a pass over a large session repaints the table a few times a second, not once per batch.
 */
class SignatureRefresh : public QObject
{
    Q_OBJECT

public:
    SignatureRefresh(Capture::CaptureEngine *engine, SignatureSettings *settings, RequestTableModel *model,
                     RecordSource *records, RequestDetail *detail, QObject *parent);

    /// Takes new results; they are shown at the next tick.
    void add(const Session::SignatureUpdates &updates);
    /// Shows what has arrived now.
    void flush();

private:
    RequestTableModel *m_model;
    RecordSource *m_records;
    RequestDetail *m_detail;
    QTimer *m_timer;
    QHash<qint64, qsizetype> m_index; // id → place in m_pending, so a later result replaces an earlier
    Session::SignatureUpdates m_pending;
};

} // namespace Gui
