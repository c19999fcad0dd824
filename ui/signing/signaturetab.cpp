#include "signaturetab.h"
#include "signaturebadge.h"
#include "signaturereport.h"

#include <QClipboard>
#include <QEvent>
#include <QGuiApplication>
#include <QScrollBar>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Gui {

namespace {

/// Whether `a` and `b` are the same captured request (ids repeat across sessions).
bool sameRequest(const Session::CapturedRequest &a, const Session::CapturedRequest &b)
{
    return a.id == b.id && a.receivedAtMs == b.receivedAtMs && a.request.body().size() == b.request.body().size() &&
           a.request.rawHead() == b.request.rawHead();
}

} // namespace

SignatureTab::SignatureTab(QWidget *parent)
    : QWidget(parent)
    , m_browser(new QTextBrowser(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_browser);
    m_browser->setOpenLinks(false);
    m_browser->setObjectName(QStringLiteral("signatureReport"));
    connect(m_browser, &QTextBrowser::anchorClicked, this, &SignatureTab::follow);
    m_pool.setMaxThreadCount(1);
    clear();
}

SignatureTab::~SignatureTab()
{
    ++m_generation; // whatever the worker finishes is for nobody
    m_pool.waitForDone();
}

void SignatureTab::setConfig(const Signing::Config &config)
{
    m_config = config;
    m_stale = true;
    render();
    diagnoseIfShown();
}

void SignatureTab::setRequest(Session::CapturedRequestPtr request)
{
    const bool same = request && m_request && sameRequest(*request, *m_request);
    m_request = std::move(request);
    if (!same) {
        ++m_generation;
        m_running = false;
        m_diagnosis.reset();
        m_showAll = false;
        m_stale = true;
    }
    render(same);
    diagnoseIfShown();
}

void SignatureTab::clear()
{
    setRequest(nullptr);
}

QString SignatureTab::title() const
{
    if (!m_request || m_request->rejected)
        return tr("Signature");
    const Signing::Verdict v = m_request->signature.verdict;
    if (v == Signing::Verdict::Valid)
        return tr("Signature ✓");
    if (Signing::isInvalid(v))
        return tr("Signature ✗");
    if (v == Signing::Verdict::NoSecret)
        return tr("Signature ?");
    return tr("Signature");
}

QColor SignatureTab::titleColor() const
{
    if (!m_request || m_request->rejected)
        return {};
    return SignatureBadge::color(m_request->signature.verdict, palette());
}

QString SignatureTab::text() const
{
    return m_browser->toPlainText();
}

void SignatureTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    diagnoseIfShown();
}

void SignatureTab::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        render(); // the colours follow a light or dark palette
}

void SignatureTab::diagnoseIfShown()
{
    // Only for a user looking at it: selecting rows with another tab open costs nothing here.
    if (!m_stale || !m_request || !isVisible())
        return;
    m_stale = false;
    if (m_request->rejected) {
        m_diagnosis.reset();
        render();
        return;
    }
    const int generation = ++m_generation;
    const Signing::Verifier verifier(m_config);
    const Session::CapturedRequestPtr request = m_request;
    const qint64 at = request->receivedAtMs / 1000; // the time it arrived, as capture checked it
    if (request->request.body().size() <= kInlineBodyLimit) {
        showDiagnosis(generation, verifier.diagnose(request->request, at));
        return;
    }
    m_running = true;
    render();
    m_pool.start([this, generation, verifier, request, at] {
        const Signing::Diagnosis diagnosis = verifier.diagnose(request->request, at);
        QMetaObject::invokeMethod(this, [this, generation, diagnosis] { showDiagnosis(generation, diagnosis); });
    });
}

void SignatureTab::showDiagnosis(int generation, const Signing::Diagnosis &diagnosis)
{
    if (generation != m_generation)
        return; // another request (or other secrets) by now
    m_running = false;
    m_diagnosis = diagnosis;
    render();
    Q_EMIT diagnosed();
}

void SignatureTab::render(bool keepPlace)
{
    if (!m_request) {
        m_browser->setHtml(QStringLiteral("<p>%1</p>").arg(tr("Select a request to see its signature here.")));
        return;
    }
    QString html = SignatureReport::headline(*m_request, m_config, palette());
    if (m_diagnosis)
        html += SignatureReport::diagnostics(*m_diagnosis, m_request->signature, m_showAll, palette());
    else if (m_running)
        html += QStringLiteral("<p><i>%1</i></p>").arg(tr("Checking the signature…"));
    // Keep the reader's place when a re-check or "show all" redraws the same request.
    const int scroll = keepPlace ? m_browser->verticalScrollBar()->value() : 0;
    m_browser->setHtml(html);
    m_browser->verticalScrollBar()->setValue(scroll);
}

void SignatureTab::follow(const QUrl &link)
{
    const QString target = link.toString();
    if (target.startsWith(SignatureReport::kSecretsLink)) {
        Q_EMIT secretsRequested(target.mid(SignatureReport::kSecretsLink.size()));
    } else if (target == SignatureReport::kCopyLink) {
        if (m_diagnosis)
            QGuiApplication::clipboard()->setText(Signing::escapeForDisplay(m_diagnosis->signedBytes));
    } else if (target == SignatureReport::kShowAllLink || target == SignatureReport::kShowLessLink) {
        m_showAll = target == SignatureReport::kShowAllLink;
        render();
    }
}

} // namespace Gui
