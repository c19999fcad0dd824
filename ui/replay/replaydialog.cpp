#include "replaydialog.h"

#include "send/signingpicker.h"
#include "settings.h"

#include "capture/outboundrecords.h"
#include "http/limits.h"
#include "session/writerhub.h"
#include "signing/signing.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace Gui {

namespace {

enum Column { RequestColumn, DestinationColumn, AttemptColumn, StatusColumn, TimeColumn, ErrorColumn };

/// The destinations typed, one per line; false (the problem in `error`) for a line that is not an
/// http(s) URL.
bool parseDestinations(const QString &text, QList<QUrl> *urls, QString *error)
{
    for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QString typed = line.trimmed();
        if (typed.isEmpty())
            continue;
        const QUrl url = QUrl::fromUserInput(typed);
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
            *error = ReplayDialog::tr("'%1' is not an http:// or https:// URL").arg(typed);
            return false;
        }
        urls->append(url);
    }
    if (urls->isEmpty()) {
        *error = ReplayDialog::tr("Give at least one destination URL to replay to");
        return false;
    }
    return true;
}

QString titleOf(const Session::CapturedRequest &r)
{
    if (!r.request.hasRequestLine())
        return ReplayDialog::tr("#%1 (rejected)").arg(r.id);
    return ReplayDialog::tr("#%1 %2 %3")
        .arg(r.id)
        .arg(QString::fromLatin1(r.request.method()), QString::fromUtf8(r.request.target()));
}

} // namespace

ReplayDialog::ReplayDialog(QList<Session::CapturedRequestPtr> requests, SecretStore *store,
                           std::shared_ptr<Session::WriterHub> hub, QWidget *parent)
    : QDialog(parent)
    , m_requests(std::move(requests))
    , m_hub(std::move(hub))
    , m_destinations(new QPlainTextEdit(this))
    , m_keep(new QRadioButton(tr("&Keep the original signature headers"), this))
    , m_resign(new QRadioButton(tr("Re-sign (fresh &timestamp):"), this))
    , m_signing(new SigningPicker(store, this))
    , m_order(new QComboBox(this))
    , m_changes(new QPlainTextEdit(this))
    , m_error(new QLabel(this))
    , m_send(new QPushButton(tr("&Send"), this))
    , m_progress(new QLabel(this))
    , m_results(new QTreeWidget(this))
    , m_sender(new Delivery::Sender(this))
{
    setObjectName(QStringLiteral("replayDialog"));
    setWindowTitle(tr("Replay %n Request(s)", nullptr, int(m_requests.size())));
    std::sort(m_requests.begin(), m_requests.end(),
              [](const Session::CapturedRequestPtr &a, const Session::CapturedRequestPtr &b) { return a->id < b->id; });

    m_destinations->setObjectName(QStringLiteral("destinations"));
    m_destinations->setPlaceholderText(tr("http://localhost:3000/webhooks — one URL per line"));
    m_destinations->setPlainText(Settings().get(Settings::ReplayDestinations).join(QLatin1Char('\n')));
    m_destinations->setTabChangesFocus(true);
    m_destinations->setMaximumHeight(fontMetrics().lineSpacing() * 5);
    m_keep->setChecked(true);
    m_keep->setToolTip(tr("A receiver that checks the timestamp will reject them, which is itself a test"));
    m_signing->setObjectName(QStringLiteral("resignPicker"));
    m_signing->setEnabled(false);
    m_order->setObjectName(QStringLiteral("order"));
    m_order->addItem(tr("One after another, in capture order"));
    m_order->addItem(tr("In parallel"));
    m_changes->setObjectName(QStringLiteral("changes"));
    m_changes->setReadOnly(true);
    m_error->setObjectName(QStringLiteral("replayError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b"));
    m_send->setObjectName(QStringLiteral("replaySend"));
    m_send->setDefault(true);
    m_results->setObjectName(QStringLiteral("replayResults"));
    m_results->setRootIsDecorated(false);
    m_results->setUniformRowHeights(true);
    m_results->setHeaderLabels(
        {tr("Request"), tr("Destination"), tr("Attempt"), tr("Status"), tr("Time"), tr("Error")});

    auto *signature = new QGroupBox(tr("Signature"), this);
    auto *signatureLayout = new QVBoxLayout(signature);
    signatureLayout->addWidget(m_keep);
    signatureLayout->addWidget(m_resign);
    signatureLayout->addWidget(m_signing);

    auto *form = new QFormLayout;
    form->addRow(tr("&Destinations:"), m_destinations);
    form->addRow(tr("&Order:"), m_order);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    auto *changes = new QGroupBox(tr("What changes from the captured requests"), splitter);
    (new QVBoxLayout(changes))->addWidget(m_changes);
    auto *results = new QGroupBox(tr("Results"), splitter);
    auto *resultsLayout = new QVBoxLayout(results);
    resultsLayout->addWidget(m_progress);
    resultsLayout->addWidget(m_results);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_send, QDialogButtonBox::ActionRole);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(signature);
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);
    resize(760, 640);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_send, &QPushButton::clicked, this, &ReplayDialog::send);
    connect(m_destinations, &QPlainTextEdit::textChanged, this, &ReplayDialog::rebuild);
    connect(m_resign, &QRadioButton::toggled, this, [this](bool on) {
        m_signing->setEnabled(on);
        rebuild();
    });
    connect(m_signing->schemeBox(), &QComboBox::currentIndexChanged, this, &ReplayDialog::rebuild);
    connect(m_signing->secretBox(), &QComboBox::currentIndexChanged, this, &ReplayDialog::rebuild);
    if (auto *typed = m_signing->findChild<QLineEdit *>(QStringLiteral("typedSecret")))
        connect(typed, &QLineEdit::textChanged, this, &ReplayDialog::rebuild);

    // Stored as the sender panel's sends are: the message once resolved, then each attempt.
    connect(m_sender, &Delivery::Sender::prepared, this, [this](const Delivery::Prepared &prepared) {
        if (prepared.error.isEmpty())
            m_hub->submit(Capture::outboundMessage(prepared));
    });
    connect(m_sender, &Delivery::Sender::attemptFinished, this, &ReplayDialog::onAttempt);
    connect(m_sender, &Delivery::Sender::messageFinished, this, &ReplayDialog::onFinished);
    rebuild();
}

ReplayDialog::~ReplayDialog() = default;

QString ReplayDialog::changesText() const
{
    return m_changes->toPlainText();
}

QString ReplayDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

bool ReplayDialog::isSending() const
{
    return m_finished < m_sending.size();
}

void ReplayDialog::rebuild()
{
    QString error;
    Delivery::ReplayOptions options;
    const bool urlsOk = parseDestinations(m_destinations->toPlainText(), &options.destinations, &error);
    if (m_resign->isChecked()) {
        options.resignScheme = m_signing->scheme();
        options.resignSecret = m_signing->secret();
        if (options.resignScheme.isEmpty() && error.isEmpty())
            error = tr("Choose the scheme to re-sign with, or keep the original signature headers");
    }
    // The changes are listed even while a destination is missing: they do not depend on it.
    if (options.destinations.isEmpty())
        options.destinations << QUrl(QStringLiteral("http://destination.invalid/"));
    m_replays.clear();
    QString changes;
    for (const Session::CapturedRequestPtr &r : std::as_const(m_requests)) {
        changes += titleOf(*r) + QLatin1Char('\n');
        if (!r->request.hasRequestLine()) {
            if (error.isEmpty())
                error = tr("Request %1 was rejected before its request line was read: there is nothing to replay")
                            .arg(r->id);
            m_replays.append(Delivery::Replay());
            continue;
        }
        options.sourceId = r->id;
        Delivery::Replay replay = Delivery::replayOf(r->request, options);
        if (!replay.error.isEmpty() && error.isEmpty())
            error = tr("Request %1: %2").arg(r->id).arg(replay.error);
        if (replay.changes.isEmpty())
            changes += QLatin1String("  ") + tr("Nothing changes: it goes out as captured.") + QLatin1Char('\n');
        for (const QString &change : std::as_const(replay.changes))
            changes += QLatin1String("  • ") + change + QLatin1Char('\n');
        m_replays.append(std::move(replay));
    }
    if (urlsOk && error.isEmpty() && m_requests.isEmpty())
        error = tr("No request to replay");
    m_changes->setPlainText(changes);
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    m_send->setEnabled(error.isEmpty() && !isSending());
}

void ReplayDialog::send()
{
    rebuild();
    if (!m_send->isEnabled())
        return;
    QStringList typed;
    for (const QString &line : m_destinations->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        typed << line.trimmed();
    Settings().set(Settings::ReplayDestinations, typed);
    m_sending = m_replays;
    m_indexOf.clear();
    m_next = 0;
    m_finished = 0;
    m_results->clear();
    m_send->setEnabled(false);
    m_progress->setText(tr("Sending %n request(s)…", nullptr, int(m_sending.size())));
    if (m_order->currentIndex() == 1) {
        while (m_next < m_sending.size())
            sendNext();
    } else {
        sendNext();
    }
}

bool ReplayDialog::sendNext()
{
    const qsizetype i = m_next++;
    QString why;
    const qint64 number = m_sender->send(m_sending.at(i).message, &why);
    if (number != 0) {
        m_indexOf.insert(number, i);
        return true;
    }
    // Not sent: said in its row, and what follows goes on (it was checked before, so this is rare).
    auto *row = new QTreeWidgetItem(m_results);
    row->setText(RequestColumn, tr("#%1").arg(m_sending.at(i).message.sourceId));
    row->setText(ErrorColumn, why);
    ++m_finished;
    if (m_next < m_sending.size() && m_order->currentIndex() == 0)
        return sendNext();
    if (!isSending())
        m_send->setEnabled(true);
    return false;
}

void ReplayDialog::onAttempt(const Delivery::AttemptReport &report)
{
    m_hub->submit(Session::OutboundAttempts{Capture::outboundAttempt(report, Http::Limits().maxBodyBytes)});
    const qsizetype i = m_indexOf.value(report.messageId, -1);
    if (i < 0)
        return;
    const Delivery::Message &message = m_sending.at(i).message;
    const Http::ExchangeResult &x = report.exchange;
    auto *row = new QTreeWidgetItem(m_results);
    row->setText(RequestColumn, tr("#%1").arg(message.sourceId));
    row->setText(DestinationColumn, message.destinations.value(report.destination).toString());
    row->setText(AttemptColumn, QString::number(report.attempt));
    row->setText(StatusColumn,
                 x.hasResponse() ? QString::number(x.response.status()) : Http::ExchangeResult::outcomeName(x.outcome));
    row->setText(TimeColumn, tr("%1 ms").arg(x.durationMs));
    row->setData(TimeColumn, kStartedRole, x.startedAtMs);
    row->setData(TimeColumn, kStartedRole + 1, x.startedAtMs + x.durationMs);
    QString error = x.error;
    if (!report.final)
        error = tr("%1 (retrying in %2 ms)").arg(error).arg(report.retryInMs).trimmed();
    row->setText(ErrorColumn, error);
    m_results->scrollToItem(row);
}

void ReplayDialog::onFinished(qint64 number)
{
    const qsizetype i = m_indexOf.value(number, -1);
    if (i < 0)
        return;
    ++m_finished;
    Q_EMIT replayFinished(m_sending.at(i).message.sourceId);
    if (m_order->currentIndex() == 0 && m_next < m_sending.size()) {
        sendNext();
        return;
    }
    if (!isSending()) {
        m_progress->setText(
            tr("Sent %n request(s); each is stored with the request it replays.", nullptr, int(m_sending.size())));
        m_send->setEnabled(m_error->isHidden());
    }
}

} // namespace Gui
