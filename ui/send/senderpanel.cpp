#include "senderpanel.h"
#include "bodyeditor.h"
#include "composer.h"
#include "composition.h"
#include "exchangeview.h"
#include "headerseditor.h"
#include "historymodel.h"
#include "repeatpanel.h"
#include "resultsmodel.h"
#include "sendoptions.h"
#include "signingpicker.h"
#include "templatelibrary.h"

#include "rowtable.h"

#include "delivery/curlcommand.h"
#include "delivery/curlimport.h"
#include "session/capturedrequest.h"
#include "signing/signing.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Gui {

SenderPanel::SenderPanel(SecretStore *store, QWidget *parent, TemplateLibrary *templates)
    : QWidget(parent)
    , m_templates(templates ? templates : new TemplateLibrary)
    , m_composer(new Composer(this))
    , m_signing(new SigningPicker(store, this))
    , m_options(new SendOptions(this))
    , m_results(new ResultsModel(this))
    , m_resultsView(new QTableView(this))
    , m_exchange(new ExchangeView(this))
    , m_history(new HistoryModel(this))
    , m_historyFilter(new QSortFilterProxyModel(this))
    , m_historyView(new QListView(this))
    , m_historyEdit(new QLineEdit(this))
    , m_templatesMenu(new QMenu(tr("&Templates"), this))
    , m_repeat(new RepeatPanel(this))
    , m_status(new QLabel(this))
    , m_sendButton(new QPushButton(tr("Send"), this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
    , m_send(new QAction(tr("&Send"), this))
    , m_cancel(new QAction(tr("Cance&l Sending"), this))
    , m_paste(new QAction(tr("&Paste curl Command"), this))
    , m_save(new QAction(tr("Sa&ve as Template…"), this))
    , m_copy(new QAction(tr("C&opy as curl"), this))
    , m_acceptCertificate(new QAction(tr("&Accept this Certificate…"), this))
    , m_forgetCertificates(new QAction(tr("&Forget Accepted Certificates for this Destination"), this))
{
    setObjectName(QStringLiteral("senderPanel"));
    m_send->setObjectName(QStringLiteral("send"));
    m_send->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_send->setToolTip(
        tr("Send to every enabled destination (%1)").arg(m_send->shortcut().toString(QKeySequence::NativeText)));
    m_cancel->setObjectName(QStringLiteral("cancelSend"));
    m_cancel->setEnabled(false);
    m_paste->setObjectName(QStringLiteral("pasteCurl"));
    m_save->setObjectName(QStringLiteral("saveTemplate"));
    m_copy->setObjectName(QStringLiteral("copyMessageCurl"));
    connect(m_copy, &QAction::triggered, this, [this] {
        const Delivery::Message m = message();
        QGuiApplication::clipboard()->setText(Delivery::curlCommand(m));
        const QStringList differences = Delivery::curlDifferences(m);
        showStatus(differences.isEmpty()
                       ? tr("Copied the curl command")
                       : tr("Copied the curl command. Not the same: %1").arg(differences.join(QLatin1Char(' '))),
                   !differences.isEmpty());
    });
    connect(m_send, &QAction::triggered, this, &SenderPanel::send);
    connect(m_cancel, &QAction::triggered, this, &SenderPanel::cancel);
    connect(m_paste, &QAction::triggered, this, &SenderPanel::pasteCurl);
    connect(m_save, &QAction::triggered, this, &SenderPanel::askTemplateName);
    connect(m_sendButton, &QPushButton::clicked, m_send, &QAction::trigger);
    connect(m_cancelButton, &QPushButton::clicked, m_cancel, &QAction::trigger);
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_sendButton->setDefault(true);
    m_sendButton->setToolTip(m_send->toolTip());
    m_cancelButton->setEnabled(false);
    m_status->setObjectName(QStringLiteral("sendStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_templatesMenu, &QMenu::aboutToShow, this, &SenderPanel::fillTemplatesMenu);
    fillTemplatesMenu();

    auto *templatesButton = new QToolButton(this);
    templatesButton->setText(tr("Templates"));
    templatesButton->setMenu(m_templatesMenu);
    templatesButton->setPopupMode(QToolButton::InstantPopup);
    auto *pasteButton = new QToolButton(this);
    pasteButton->setDefaultAction(m_paste);
    auto *copyButton = new QToolButton(this);
    copyButton->setDefaultAction(m_copy);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_composer->methodBox());
    bar->addWidget(templatesButton);
    bar->addWidget(pasteButton);
    bar->addWidget(copyButton);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_sendButton);
    bar->addWidget(m_cancelButton);

    m_composer->tabs()->addTab(m_signing, tr("Si&gning"));
    m_composer->tabs()->addTab(m_options, tr("&Options"));
    connect(m_options, &SendOptions::chunkedChanged, m_composer, &Composer::setChunked);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(makeHistory());
    split->addWidget(m_composer);
    split->addWidget(makeResults());
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addLayout(bar);
    layout->addWidget(split, 1);
    showStatus(tr("Compose a message, then Send (%1)").arg(m_send->shortcut().toString(QKeySequence::NativeText)));
}

SenderPanel::~SenderPanel()
{
    if (m_sender)
        m_sender->cancelAll();
    delete m_templates;
}

Delivery::Sender *SenderPanel::sender()
{
    if (!m_sender) {
        m_sender = new Delivery::Sender(this);
        connect(m_sender, &Delivery::Sender::prepared, this, &SenderPanel::onPrepared);
        connect(m_sender, &Delivery::Sender::attemptFinished, this, &SenderPanel::onAttempt);
        connect(m_sender, &Delivery::Sender::messageFinished, this, &SenderPanel::onMessageFinished);
    }
    return m_sender;
}

Delivery::Message SenderPanel::message(QString *error) const
{
    QString problem;
    Delivery::Message m = m_composer->message(&problem);
    m.name = m_name;
    m_options->applyTo(&m);
    m_pins.applyTo(&m);
    m.signScheme = m_signing->scheme();
    m.signSecret = m.signScheme.isEmpty() ? QByteArray() : m_signing->secret();
    m.composition = Composition::of(*m_composer, m).toJson();
    if (m.destinations.isEmpty())
        problem = tr("Add a destination, or switch one on");
    else if (m.method.isEmpty())
        problem = tr("Choose a method");
    else if (!m.signScheme.isEmpty() && m.signSecret.isEmpty())
        problem = tr("Choose or type a secret to sign with %1").arg(Signing::schemeTitle(m.signScheme));
    for (const QUrl &url : std::as_const(m.destinations)) {
        if (problem.isEmpty() && (!url.isValid() || url.host().isEmpty() ||
                                  (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))))
            problem = tr("Not an http or https URL: %1").arg(url.toString());
    }
    if (error)
        *error = problem;
    return m;
}

bool SenderPanel::send()
{
    QString problem;
    const Delivery::Message m = message(&problem);
    if (!problem.isEmpty()) {
        showStatus(problem, true);
        return false;
    }
    const qint64 id = sender()->send(m, &problem);
    if (id == 0) {
        showStatus(tr("Not sent: %1").arg(problem), true);
        return false;
    }
    m_active.insert(id);
    m_destinationCounts.insert(id, int(m.destinations.size()));
    m_reports.insert(id, {});
    m_history->add({id, QDateTime::currentMSecsSinceEpoch(), m, tr("sending…")});
    showMessageResults(id);
    m_resultTabs->setCurrentIndex(0);
    showStatus(tr("Sending to %n destination(s)…", nullptr, int(m.destinations.size())));
    m_cancel->setEnabled(true);
    m_cancelButton->setEnabled(true);
    Q_EMIT sendingChanged(true);
    return true;
}

void SenderPanel::cancel()
{
    if (m_sender) {
        for (qint64 id : std::as_const(m_active))
            m_sender->cancel(id);
    }
}

void SenderPanel::onPrepared(const Delivery::Prepared &prepared)
{
    if (m_reports.contains(prepared.messageId))
        Q_EMIT messagePrepared(prepared);
    if (!prepared.error.isEmpty())
        showStatus(tr("Not sent: %1").arg(prepared.error), true);
    else if (!prepared.unresolved.isEmpty())
        showStatus(tr("Sent with unknown placeholders left as written: %1")
                       .arg(prepared.unresolved.join(QStringLiteral(", "))),
                   true);
}

void SenderPanel::onAttempt(const Delivery::AttemptReport &report)
{
    if (!m_reports.contains(report.messageId))
        return; // not sent from here
    m_reports[report.messageId].append(report);
    Q_EMIT attemptReported(report);
    if (!report.signatureHeaders.isEmpty())
        m_composer->headers()->setSignatureHeaders(report.signatureHeaders);
    if (report.messageId != m_shown)
        return;
    m_results->add(report);
    if (!m_resultsView->currentIndex().isValid())
        m_resultsView->selectRow(0);
}

void SenderPanel::onMessageFinished(qint64 messageId)
{
    if (!m_active.remove(messageId))
        return;
    int answered = 0;
    int failed = 0;
    for (const Delivery::AttemptReport &r : m_reports.value(messageId)) {
        if (!r.final)
            continue;
        const bool ok = r.exchange.hasResponse() && r.exchange.response.status() / 100 == 2;
        (ok ? answered : failed) += 1;
    }
    const QString outcome = failed == 0 ? tr("%n destination(s) answered 2xx", nullptr, answered)
                                        : tr("%1 of %2 destinations failed").arg(failed).arg(answered + failed);
    m_history->setOutcome(messageId, outcome);
    showStatus(outcome, failed > 0);
    const bool sending = !m_active.isEmpty();
    m_cancel->setEnabled(sending);
    m_cancelButton->setEnabled(sending);
    if (!sending)
        Q_EMIT sendingChanged(false);
}

void SenderPanel::showMessageResults(qint64 messageId)
{
    if (messageId == m_shown)
        return;
    m_shown = messageId;
    m_results->clear();
    m_exchange->clear();
    for (const Delivery::AttemptReport &r : m_reports.value(messageId))
        m_results->add(r);
    if (m_results->rowCount() > 0)
        m_resultsView->selectRow(0);
}

void SenderPanel::openMessage(const Delivery::Message &message)
{
    m_name = message.name;
    QString problem;
    const std::optional<Composition> saved =
        message.composition.isEmpty() ? std::nullopt : Composition::fromJson(message.composition, &problem);
    Delivery::Message shown = message;
    if (saved) {
        saved->applyTo(m_composer);
        saved->applyOptionsTo(&shown);
    } else {
        m_composer->setMessage(message); // what was sent, every row on
    }
    m_options->showFrom(shown);
    m_signing->setScheme(shown.signScheme);
    if (!message.composition.isEmpty() && !saved)
        showStatus(
            tr("The saved layout of this message could not be read (%1); opened from what was sent").arg(problem),
            true);
    if (!message.signScheme.isEmpty() && !message.signSecret.isEmpty() && m_signing->secret() != message.signSecret)
        m_signing->setTypedSecret(message.signSecret);
}

void SenderPanel::openCaptured(const Session::CapturedRequest &request)
{
    m_name.clear();
    m_composer->openCaptured(request);
    m_options->showFrom([&] {
        Delivery::Message m; // the switches at their defaults, chunked as the request came
        m.chunked = request.request.isChunked();
        return m;
    }());
    m_signing->setScheme({});
    showStatus(tr("Opened captured request #%1: the same method, target, headers and body").arg(request.id));
}

void SenderPanel::setListenerUrl(const QUrl &url)
{
    m_composer->setListenerUrl(url);
}

void SenderPanel::applyTemplate(const Delivery::Template &t, const QList<QUrl> &destinations)
{
    m_name = t.name;
    if (!destinations.isEmpty()) {
        m_composer->destinations()->clearRows();
        for (const QUrl &url : destinations)
            m_composer->destinations()->addRow({url.toString()});
    }
    m_composer->applyTemplate(t);
    m_signing->setScheme(t.sign);
    showStatus(tr("Template “%1”").arg(t.name));
}

void SenderPanel::fillTemplatesMenu()
{
    m_templatesMenu->clear();
    for (const Delivery::Template &t : Delivery::Template::builtIn())
        m_templatesMenu->addAction(t.name, this, [this, t] { applyTemplate(t); });
    const QList<TemplateLibrary::Saved> own = m_templates->userTemplates();
    if (!own.isEmpty())
        m_templatesMenu->addSection(tr("Yours"));
    for (const TemplateLibrary::Saved &saved : own)
        m_templatesMenu->addAction(saved.t.name, this, [this, saved] { applyTemplate(saved.t, saved.destinations); });
    m_templatesMenu->addSeparator();
    m_templatesMenu->addAction(m_save);
}

bool SenderPanel::saveAsTemplate(const QString &name, QString *error)
{
    Delivery::Message m = message();
    m.signScheme = m_signing->scheme();
    const QString path = m_templates->save(name, m, error);
    if (path.isEmpty())
        return false;
    m_name = name;
    showStatus(tr("Saved the template “%1”").arg(name));
    return true;
}

void SenderPanel::askTemplateName()
{
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Save as Template"), tr("Template name:"), QLineEdit::Normal, m_name, &ok)
            .trimmed();
    QString error;
    if (ok && !name.isEmpty() && !saveAsTemplate(name, &error))
        showStatus(error, true);
}

bool SenderPanel::fillFromCurl(const QString &command, QString *error)
{
    const Delivery::CurlImport imported = Delivery::importCurl(command);
    if (!imported.ok()) {
        *error = imported.error;
        return false;
    }
    openMessage(imported.message);
    m_name.clear();
    if (!imported.warnings.isEmpty())
        showStatus(tr("Filled from curl; %1").arg(imported.warnings.join(QLatin1Char(' '))), true);
    else
        showStatus(tr("Filled from the curl command"));
    return true;
}

void SenderPanel::pasteCurl()
{
    QString error;
    if (!fillFromCurl(QGuiApplication::clipboard()->text(), &error))
        showStatus(tr("The clipboard holds no curl command Hookscope can read: %1").arg(error), true);
}

QString SenderPanel::statusText() const
{
    return m_status->text();
}

void SenderPanel::showStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setStyleSheet(problem ? QStringLiteral("color: #c0392b") : QString());
}

QList<QAction *> SenderPanel::panelActions() const
{
    return QList<QAction *>{m_send, m_cancel} + m_repeat->actions() + QList<QAction *>{m_paste, m_copy, m_save};
}

bool SenderPanel::isUsable(const QAction *action) const
{
    return action == m_cancel ? isSending() : m_repeat->isUsable(action);
}

} // namespace Gui
