#pragma once

#include <QObject>
#include <QString>

namespace Capture {
class CaptureEngine;
}

namespace Gui {

class SenderPanel;

/**
 * The sender's side of the session file: every message the panel sends, and every attempt, goes
 * to whichever session is open (through the capture engine's WriterHub, so a session opened
 * meanwhile gets what follows); and when a session opens, the messages it holds fill the panel's
 * history, read on a worker thread, so they can be opened and sent again.
 */
class SentSession : public QObject
{
    Q_OBJECT

public:
    /// Messages read back into the history when a session opens, newest first, at most.
    static constexpr int kHistoryLimit = 500;

    SentSession(SenderPanel *panel, Capture::CaptureEngine *engine);

private:
    void load(const QString &path);

    SenderPanel *m_panel;
    quint64 m_generation = 0; // the newest load; older ones that finish late are dropped
};

} // namespace Gui
