#pragma once

#include "session/capturedrequest.h"

#include <QHash>
#include <QObject>

#include <functional>

class QThreadPool;

namespace Gui {

/// Whole requests for the detail pane and the diff: the newest kept in memory as they arrive, so
/// selecting a fresh row needs no file read; older ones read from the session file on a pool thread.
class RecordSource : public QObject
{
    Q_OBJECT

public:
    using Records = QList<Session::CapturedRequestPtr>;
    using Done = std::function<void(const Records &records, const QString &error)>;

    /// `pool` reads the file; its owner waits for it before this goes.
    RecordSource(QThreadPool *pool, QObject *parent);

    void remember(const Session::CapturedBatch &batch);
    void forget(const QList<qint64> &ids);
    /// Keeps new signature results in the records kept (they are immutable: each becomes a copy).
    void updateSignatures(const Session::SignatureUpdates &updates);
    /// A kept record's sender was answered late (from its forward): the record gains that answer.
    void updateLateAnswer(const Session::LateAnswer &answer);
    void clear();
    /// The request if it is in memory, else null.
    Session::CapturedRequestPtr known(qint64 id) const { return m_recent.value(id); }
    /// The requests `ids` of the session file `session`; `done` runs later on this object's thread
    /// with them in that order (null for each that could not be read) and the reader's error.
    void fetch(const QString &session, const QList<qint64> &ids, Done done);

private:
    QThreadPool *m_pool;
    QHash<qint64, Session::CapturedRequestPtr> m_recent;
    QList<qint64> m_order; // oldest first
};

} // namespace Gui
