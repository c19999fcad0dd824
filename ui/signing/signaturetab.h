#pragma once

#include "session/capturedrequest.h"

#include <QThreadPool>
#include <QWidget>

#include <optional>

class QTextBrowser;
class QUrl;

namespace Gui {

/**
 * The Signature tab of the request detail: the verdict as a headline, then why — the exact bytes
 * signed, the URL, the signatures received, each secret tried with the signature it gives, and
 * hints. The diagnosis runs when the tab is shown; for a large body on a worker, and a result for
 * a request no longer shown is dropped.
 */
class SignatureTab : public QWidget
{
    Q_OBJECT

public:
    /// Bodies larger than this are diagnosed off the GUI thread.
    static constexpr qsizetype kInlineBodyLimit = 256 * 1024;

    explicit SignatureTab(QWidget *parent = nullptr);
    ~SignatureTab() override;

    void setConfig(const Signing::Config &config);
    /// Shows this request's verdict now and its diagnosis when the tab is (or becomes) visible.
    /// The same request again with another verdict (re-verified) keeps the diagnosis it has.
    void setRequest(Session::CapturedRequestPtr request);
    void clear();

    /// "Signature ✓", "Signature ✗", "Signature ?" (no secret) or "Signature".
    QString title() const;
    /// The colour the tab's title takes; invalid for the default.
    QColor titleColor() const;
    /// What the tab shows, as plain text; for tests.
    QString text() const;
    QTextBrowser *browser() const { return m_browser; }
    /// Whether a diagnosis is being computed for the request shown.
    bool isDiagnosing() const { return m_running; }
    /// The diagnosis shown, if any.
    const std::optional<Signing::Diagnosis> &diagnosis() const { return m_diagnosis; }
    /// Waits for the worker; for tests.
    bool waitForWorker(int msecs) { return m_pool.waitForDone(msecs); }

Q_SIGNALS:
    /// The user asked to set a secret for `scheme` (Settings → Secrets).
    void secretsRequested(const QString &scheme);
    /// The diagnosis of the request shown is on screen.
    void diagnosed();

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void diagnoseIfShown();
    void showDiagnosis(int generation, const Signing::Diagnosis &diagnosis);
    void render(bool keepPlace = true);
    void follow(const QUrl &link);

    QTextBrowser *m_browser;
    QThreadPool m_pool;
    Signing::Config m_config;
    Session::CapturedRequestPtr m_request;
    std::optional<Signing::Diagnosis> m_diagnosis;
    int m_generation = 0;
    bool m_stale = false;   // the request or the config changed since the diagnosis
    bool m_running = false; // a worker diagnoses the request shown
    bool m_showAll = false;
};

} // namespace Gui
