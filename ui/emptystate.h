#pragma once

#include <QUrl>
#include <QWidget>

class QAction;
class QHBoxLayout;
class QLabel;
class QPlainTextEdit;

namespace Gui {

/// What a new session shows instead of an empty table: where to send, and a curl command to try.
class EmptyState : public QWidget
{
    Q_OBJECT

public:
    explicit EmptyState(QWidget *parent = nullptr);
    void setUrl(const QUrl &url);
    /// A tunnel's public URL, shown with its own Copy; empty hides it.
    void setPublicUrl(const QUrl &url);
    /// The Public URL switch, shown as a button beside Send a Test Webhook.
    void setPublicUrlSwitch(QAction *action);
    QString curlCommand() const;

Q_SIGNALS:
    void copyRequested(const QString &text, const QString &what);
    void testWebhookRequested();

private:
    QUrl m_url;
    QLabel *m_title;
    QLabel *m_urlLabel;
    QUrl m_publicUrl;
    QWidget *m_publicRow;
    QLabel *m_publicLabel;
    QPlainTextEdit *m_curl;
    QHBoxLayout *m_firstSteps;
};

} // namespace Gui
