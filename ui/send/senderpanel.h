#pragma once

#include "certificatepins.h"

#include "delivery/sender.h"

#include <QHash>
#include <QSet>
#include <QUrl>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QListView;
class QMenu;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace Delivery {
struct Template;
}
namespace Session {
struct CapturedRequest;
}

namespace Gui {

class Composer;
class ExchangeView;
class HistoryModel;
class RepeatPanel;
class ResultsModel;
class SecretStore;
class SendOptions;
class SigningPicker;
class TemplateLibrary;

/**
 * The sender workspace: compose a message (Composer), sign it (SigningPicker), choose retries
 * and connection switches (SendOptions), send it to every enabled destination through
 * Delivery::Sender, and see each destination's attempts (ResultsModel) with the exact bytes sent
 * and the response (ExchangeView). Sent messages are listed in a filterable history, newest
 * first, to open again. Templates come from TemplateLibrary.
 *
 * The actions (send, cancel, paste curl, copy as curl, save as template) are the panel's; the window
 * puts them in its menu (Workspaces).
 */
class SenderPanel : public QWidget
{
    Q_OBJECT

public:
    /// `store`: the secrets verification uses (may be null). `templates`: null for the default folder.
    explicit SenderPanel(SecretStore *store, QWidget *parent = nullptr, TemplateLibrary *templates = nullptr);
    ~SenderPanel() override;

    /// The message as it would be sent now (composer, signing, options); `error` says why it
    /// cannot be sent (no destination, no secret, an unreadable part file).
    Delivery::Message message(QString *error = nullptr) const;
    /// Shows a message (from the history or the session) for editing.
    void openMessage(const Delivery::Message &message);
    void openCaptured(const Session::CapturedRequest &request);
    void setListenerUrl(const QUrl &url);
    void applyTemplate(const Delivery::Template &t, const QList<QUrl> &destinations = {});
    /// Fills the panel from a curl command line (Delivery::importCurl); false with `error` when
    /// nothing could be made of it.
    bool fillFromCurl(const QString &command, QString *error);
    /// Saves what is composed as a template of the user's; false with `error` when it could not.
    bool saveAsTemplate(const QString &name, QString *error);

    /// Whether acceptCertificate() asks first (the "Accept this certificate…" dialog).
    enum class Confirm { Ask, Accepted };
    /// Accepts the certificate that results row `row` failed on (TlsFailed) for that host and
    /// port, so later sends there trust it; asks the user first unless `confirm` says they did.
    /// False when the row failed on no certificate or the user declined.
    bool acceptCertificate(int row, Confirm confirm = Confirm::Ask);
    /// Forgets every certificate accepted for the host and port of results row `row`.
    void forgetCertificates(int row);
    const CertificatePins &certificatePins() const { return m_pins; }

    /// Sends what is composed; false (and a status) when it cannot be sent.
    bool send();
    void cancel();
    bool isSending() const { return !m_active.isEmpty(); }
    /// The message whose results are shown.
    qint64 shownMessage() const { return m_shown; }

    Composer *composer() const { return m_composer; }
    SigningPicker *signing() const { return m_signing; }
    SendOptions *options() const { return m_options; }
    ResultsModel *results() const { return m_results; }
    QTableView *resultsView() const { return m_resultsView; }
    ExchangeView *exchange() const { return m_exchange; }
    HistoryModel *history() const { return m_history; }
    QSortFilterProxyModel *historyFilter() const { return m_historyFilter; }
    QListView *historyView() const { return m_historyView; }
    QLineEdit *historyFilterEdit() const { return m_historyEdit; }
    QMenu *templatesMenu() const { return m_templatesMenu; }
    QString statusText() const;
    RepeatPanel *repeat() const { return m_repeat; }
    /// "send", "cancelSend", the repeat's (RepeatPanel::actions()), "pasteCurl", "copyMessageCurl",
    /// "saveTemplate".
    QList<QAction *> panelActions() const;
    /// Whether `action` (one of panelActions()) can be used now: Cancel while sending, Stop while
    /// repeating...
    bool isUsable(const QAction *action) const;
    /// The results row's menu: "acceptCertificate", "forgetCertificates".
    QAction *acceptCertificateAction() const { return m_acceptCertificate; }
    QAction *forgetCertificatesAction() const { return m_forgetCertificates; }

Q_SIGNALS:
    void sendingChanged(bool sending);
    /// A message sent from this panel was resolved (SentSession stores it).
    void messagePrepared(const Delivery::Prepared &prepared);
    /// An attempt of a message sent from this panel ended.
    void attemptReported(const Delivery::AttemptReport &report);

private:
    Delivery::Sender *sender();
    void onPrepared(const Delivery::Prepared &prepared);
    void onAttempt(const Delivery::AttemptReport &report);
    void onMessageFinished(qint64 messageId);
    void showMessageResults(qint64 messageId);
    void showStatus(const QString &text, bool problem = false);
    void fillTemplatesMenu();
    void askTemplateName();
    void pasteCurl();
    QWidget *makeHistory();
    QWidget *makeResults();
    void updateCertificateActions();
    bool confirmCertificate(const QString &destination, const Http::ExchangeResult &exchange);

    Delivery::Sender *m_sender = nullptr; // made at the first send: its thread only when used
    TemplateLibrary *m_templates;
    Composer *m_composer;
    SigningPicker *m_signing;
    SendOptions *m_options;
    ResultsModel *m_results;
    QTableView *m_resultsView;
    ExchangeView *m_exchange;
    HistoryModel *m_history;
    QSortFilterProxyModel *m_historyFilter;
    QListView *m_historyView;
    QLineEdit *m_historyEdit;
    QMenu *m_templatesMenu;
    RepeatPanel *m_repeat;
    QTabWidget *m_resultTabs = nullptr;
    QLabel *m_status;
    QPushButton *m_sendButton;
    QPushButton *m_cancelButton;
    QAction *m_send;
    QAction *m_cancel;
    QAction *m_paste;
    QAction *m_save;
    QAction *m_copy;
    QAction *m_acceptCertificate;
    QAction *m_forgetCertificates;
    CertificatePins m_pins;
    QString m_name; // the template or history entry the composition started from
    qint64 m_shown = 0;
    QSet<qint64> m_active;
    QHash<qint64, QList<Delivery::AttemptReport>> m_reports;
    QHash<qint64, int> m_destinationCounts;
};

} // namespace Gui
