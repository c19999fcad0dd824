#pragma once

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace Capture {
class SessionController;
}

namespace Gui {

class RequestDetail;

/**
 * The request's "Replays & Forwards" tab: the messages made from the request shown (replays
 * and forwards), with when, what kind, and each destination's final status. Read from the
 * session file on a worker thread whenever another request is shown, and again when a replay of
 * the shown one finishes.
 */
class MadeFromView : public QWidget
{
    Q_OBJECT

public:
    /// Adds itself to `detail`'s tabs.
    MadeFromView(RequestDetail *detail, Capture::SessionController *sessions);

    QTreeWidget *list() const { return m_list; }
    qint64 requestId() const { return m_id; }
    /// A replay of `requestId` finished. If it is the one shown, reads the list again: now, and
    /// again shortly while that replay, or a final attempt of it, is not stored yet (the session
    /// commits what was sent a few milliseconds after it is handed over).
    void refreshIf(qint64 requestId);

private:
    void load(qint64 id);
    void show(qint64 id, quint64 generation, const QList<QStringList> &rows, const QString &error, bool unfinished);

    RequestDetail *m_detail;
    Capture::SessionController *m_sessions;
    QLabel *m_note;
    QTreeWidget *m_list;
    qint64 m_id = 0;
    quint64 m_generation = 0; // the newest read; older ones that finish late are dropped
    int m_looksLeft = 0;      // reads left while a replay of the request shown is being committed
    int m_atLeast = 0;        // rows the list has once the replays that finished are committed
};

} // namespace Gui
