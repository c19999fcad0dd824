#include "sendoptions.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QSpinBox>

namespace Gui {

SendOptions::SendOptions(QWidget *parent)
    : QWidget(parent)
    , m_attempts(new QSpinBox(this))
    , m_delay(new QSpinBox(this))
    , m_connectTimeout(new QSpinBox(this))
    , m_totalTimeout(new QSpinBox(this))
    , m_chunked(new QCheckBox(tr("Send the body chun&ked"), this))
    , m_insecure(new QCheckBox(tr("&Insecure: accept any certificate"), this))
    , m_noProxy(new QCheckBox(tr("No pro&xy (ignore http_proxy / https_proxy)"), this))
{
    const Delivery::RetryPolicy retry;
    const Http::ClientOptions client;
    m_attempts->setObjectName(QStringLiteral("attempts"));
    m_attempts->setRange(1, 20);
    m_attempts->setValue(retry.maxAttempts);
    m_attempts->setToolTip(tr("Attempts per destination; failures, 5xx, 408 and 429 are tried again"));
    m_delay->setRange(0, 600'000);
    m_delay->setSingleStep(100);
    m_delay->setSuffix(tr(" ms"));
    m_delay->setValue(retry.initialDelayMs);
    m_delay->setToolTip(tr("The wait before the first retry; it doubles each time (Retry-After wins)"));
    m_connectTimeout->setObjectName(QStringLiteral("connectTimeout"));
    m_connectTimeout->setRange(100, 600'000);
    m_connectTimeout->setSingleStep(1000);
    m_connectTimeout->setSuffix(tr(" ms"));
    m_connectTimeout->setValue(client.connectTimeoutMs);
    m_totalTimeout->setRange(100, 3'600'000);
    m_totalTimeout->setSingleStep(1000);
    m_totalTimeout->setSuffix(tr(" ms"));
    m_totalTimeout->setValue(client.totalTimeoutMs);

    auto *layout = new QFormLayout(this);
    layout->addRow(tr("&Attempts:"), m_attempts);
    layout->addRow(tr("First &retry after:"), m_delay);
    layout->addRow(tr("Connect timeo&ut:"), m_connectTimeout);
    layout->addRow(tr("&Total timeout:"), m_totalTimeout);
    layout->addRow(m_chunked);
    layout->addRow(m_insecure);
    layout->addRow(m_noProxy);
    connect(m_chunked, &QCheckBox::toggled, this, &SendOptions::chunkedChanged);
}

void SendOptions::applyTo(Delivery::Message *message) const
{
    message->retry.maxAttempts = m_attempts->value();
    message->retry.initialDelayMs = m_delay->value();
    message->client.connectTimeoutMs = m_connectTimeout->value();
    message->client.totalTimeoutMs = m_totalTimeout->value();
    message->client.tls.insecure = m_insecure->isChecked();
    message->client.useEnvironmentProxy = !m_noProxy->isChecked();
    message->chunked = m_chunked->isChecked();
}

void SendOptions::showFrom(const Delivery::Message &message)
{
    m_attempts->setValue(message.retry.maxAttempts);
    m_delay->setValue(message.retry.initialDelayMs);
    m_connectTimeout->setValue(message.client.connectTimeoutMs);
    m_totalTimeout->setValue(message.client.totalTimeoutMs);
    m_insecure->setChecked(message.client.tls.insecure);
    m_noProxy->setChecked(!message.client.useEnvironmentProxy);
    m_chunked->setChecked(message.chunked);
}

bool SendOptions::chunked() const
{
    return m_chunked->isChecked();
}

} // namespace Gui
