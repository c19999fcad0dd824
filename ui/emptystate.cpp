#include "emptystate.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace Gui {

EmptyState::EmptyState(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_urlLabel(new QLabel(this))
    , m_publicRow(new QWidget(this))
    , m_publicLabel(new QLabel(m_publicRow))
    , m_curl(new QPlainTextEdit(this))
    , m_firstSteps(new QHBoxLayout)
{
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    m_title->setFont(big);
    m_title->setText(tr("Waiting for the first webhook"));
    m_title->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_title);

    auto *urlRow = new QHBoxLayout;
    m_urlLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_urlLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *copyUrl = new QPushButton(tr("Copy URL"), this);
    urlRow->addStretch(1);
    urlRow->addWidget(new QLabel(tr("Send requests to"), this));
    urlRow->addWidget(m_urlLabel);
    urlRow->addWidget(copyUrl);
    urlRow->addStretch(1);
    layout->addLayout(urlRow);

    // From the internet, through the tunnel (Capture ▸ Public URL).
    auto *publicRow = new QHBoxLayout(m_publicRow);
    m_publicLabel->setObjectName(QStringLiteral("publicUrlLabel"));
    m_publicLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_publicLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *copyPublic = new QPushButton(tr("Copy Public URL"), m_publicRow);
    copyPublic->setObjectName(QStringLiteral("copyPublicUrl"));
    publicRow->addStretch(1);
    publicRow->addWidget(new QLabel(tr("From the internet"), m_publicRow));
    publicRow->addWidget(m_publicLabel);
    publicRow->addWidget(copyPublic);
    publicRow->addStretch(1);
    m_publicRow->hide();
    layout->addWidget(m_publicRow);
    connect(copyPublic, &QPushButton::clicked, this,
            [this] { Q_EMIT copyRequested(m_publicUrl.toString(), tr("public URL")); });

    auto *tryLabel = new QLabel(tr("Or try it from a terminal:"), this);
    tryLabel->setAlignment(Qt::AlignCenter);
    layout->addWidget(tryLabel);
    m_curl->setReadOnly(true);
    m_curl->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_curl->setMaximumHeight(m_curl->fontMetrics().height() * 4);
    m_curl->setMaximumWidth(760);
    auto *curlRow = new QHBoxLayout;
    auto *copyCurl = new QPushButton(tr("Copy command"), this);
    curlRow->addStretch(1);
    curlRow->addWidget(m_curl, 4);
    curlRow->addWidget(copyCurl, 0, Qt::AlignTop);
    curlRow->addStretch(1);
    layout->addLayout(curlRow);

    // Or let Hookscope send one: a real, signed delivery to itself; and the way in from the internet.
    auto *test = new QPushButton(tr("Send a &Test Webhook"), this);
    test->setObjectName(QStringLiteral("sendTestWebhook"));
    test->setToolTip(tr("Send a GitHub push, signed, to this listener: see a real delivery with a valid signature"));
    connect(test, &QPushButton::clicked, this, &EmptyState::testWebhookRequested);
    m_firstSteps->addStretch(1);
    m_firstSteps->addWidget(test);
    m_firstSteps->addStretch(1);
    layout->addLayout(m_firstSteps);
    layout->addStretch(2);

    connect(copyUrl, &QPushButton::clicked, this, [this] { Q_EMIT copyRequested(m_url.toString(), tr("URL")); });
    connect(copyCurl, &QPushButton::clicked, this, [this] { Q_EMIT copyRequested(curlCommand(), tr("curl command")); });
}

void EmptyState::setUrl(const QUrl &url)
{
    m_url = url;
    m_urlLabel->setText(url.isValid() ? url.toString() : tr("(not listening)"));
    m_curl->setPlainText(curlCommand());
}

void EmptyState::setPublicUrlSwitch(QAction *action)
{
    auto *button = new QToolButton(this);
    button->setObjectName(QStringLiteral("publicUrlSwitch"));
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_firstSteps->insertWidget(m_firstSteps->count() - 1, button);
}

void EmptyState::setPublicUrl(const QUrl &url)
{
    m_publicUrl = url;
    m_publicLabel->setText(url.toString());
    m_publicRow->setVisible(!url.isEmpty());
}

QString EmptyState::curlCommand() const
{
    const QString target = m_url.isValid() ? m_url.resolved(QUrl(QStringLiteral("/webhook"))).toString()
                                           : QStringLiteral("http://127.0.0.1:8080/webhook");
    return QStringLiteral("curl -X POST '%1' -H 'Content-Type: application/json' -d '{\"event\":\"ping\",\"id\":1}'")
        .arg(target);
}

} // namespace Gui
