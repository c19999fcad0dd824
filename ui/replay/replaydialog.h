#pragma once

#include "delivery/replay.h"
#include "session/capturedrequest.h"

#include <QDialog>
#include <QHash>

#include <memory>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QTreeWidget;

namespace Session {
class WriterHub;
}

namespace Gui {

class SecretStore;
class SigningPicker;

/**
 * Sends captured requests again, as `hookscope replay` does: to one or more destinations, with
 * the captured signature headers or signed afresh, one after another in capture order (each once
 * the previous has finished) or all at once. The changes each request undergoes are listed before
 * anything is sent, and a problem (a bad URL, no secret) disables Send. Every attempt gets a row;
 * every replay is stored in the open session, linked to its request.
 */
class ReplayDialog : public QDialog
{
    Q_OBJECT

public:
    /// The results' Time column holds when the attempt started (ms since the epoch) in this
    /// role, and when it finished in the next.
    static constexpr int kStartedRole = Qt::UserRole;

    /// `requests` in any order (sent in capture order); `store` may be null; `hub` is where
    /// what is sent is stored (CaptureEngine::outbound()).
    ReplayDialog(QList<Session::CapturedRequestPtr> requests, SecretStore *store,
                 std::shared_ptr<Session::WriterHub> hub, QWidget *parent = nullptr);
    ~ReplayDialog() override;

    QPlainTextEdit *destinationsEdit() const { return m_destinations; }
    QRadioButton *keepButton() const { return m_keep; }
    QRadioButton *resignButton() const { return m_resign; }
    SigningPicker *signing() const { return m_signing; }
    QComboBox *orderBox() const { return m_order; }
    QPushButton *sendButton() const { return m_send; }
    QTreeWidget *results() const { return m_results; }
    /// The changes as listed, per request.
    QString changesText() const;
    /// Why it cannot be sent as set up; empty when it can.
    QString errorText() const;
    bool isSending() const;

    void send();

Q_SIGNALS:
    /// A replay of captured request `sourceId` has its final attempts (and was handed to the session).
    void replayFinished(qint64 sourceId);

private:
    /// Makes the replays from what the dialog says now; lists their changes or the problem.
    void rebuild();
    bool sendNext();
    void onAttempt(const Delivery::AttemptReport &report);
    void onFinished(qint64 number);

    QList<Session::CapturedRequestPtr> m_requests; // in capture order
    QList<Delivery::Replay> m_replays;             // one per request, as last rebuilt
    std::shared_ptr<Session::WriterHub> m_hub;
    QPlainTextEdit *m_destinations;
    QRadioButton *m_keep;
    QRadioButton *m_resign;
    SigningPicker *m_signing;
    QComboBox *m_order;
    QPlainTextEdit *m_changes;
    QLabel *m_error;
    QPushButton *m_send;
    QLabel *m_progress;
    QTreeWidget *m_results;
    Delivery::Sender *m_sender;
    QList<Delivery::Replay> m_sending;  // the replays being sent (fixed when Send was pressed)
    QHash<qint64, qsizetype> m_indexOf; // the Sender's number → index into m_sending
    qsizetype m_next = 0;
    qsizetype m_finished = 0;
};

} // namespace Gui
