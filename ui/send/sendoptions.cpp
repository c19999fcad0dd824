#include "sendoptions.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

namespace Gui {

namespace {

void setUpMilliseconds(QSpinBox *box, const char *name, int minimum, int maximum, int step, int value)
{
    box->setObjectName(QLatin1String(name));
    box->setRange(minimum, maximum);
    box->setSingleStep(step);
    box->setSuffix(SendOptions::tr(" ms"));
    box->setValue(value);
}

/// The policy's switch behind each "Retry on" box, in SendOptions::Failure order.
constexpr bool Delivery::RetryPolicy::*kRetryOn[SendOptions::FailureCount] = {
    &Delivery::RetryPolicy::onConnectionError, &Delivery::RetryPolicy::onTimeout, &Delivery::RetryPolicy::on5xx,
    &Delivery::RetryPolicy::on429, &Delivery::RetryPolicy::on408};

} // namespace

SendOptions::SendOptions(QWidget *parent)
    : QWidget(parent)
    , m_attempts(new QSpinBox(this))
    , m_delay(new QSpinBox(this))
    , m_maxDelay(new QSpinBox(this))
    , m_jitter(new QDoubleSpinBox(this))
    , m_retryOn{new QCheckBox(tr("co&nnection errors"), this), new QCheckBox(tr("timeout&s"), this),
                new QCheckBox(tr("&5xx"), this), new QCheckBox(tr("&429"), this), new QCheckBox(tr("40&8"), this)}
    , m_retryAfter(new QCheckBox(tr("&Wait as Retry-After says (429, 503)"), this))
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
    m_attempts->setToolTip(tr("Attempts per destination; the failures ticked under Retry on are tried again"));
    setUpMilliseconds(m_delay, "firstDelay", 0, 600'000, 100, retry.initialDelayMs);
    m_delay->setToolTip(tr("The wait before the first retry; it doubles each time (Retry-After wins)"));
    setUpMilliseconds(m_maxDelay, "maxDelay", 0, 3'600'000, 1000, retry.maxDelayMs);
    m_maxDelay->setToolTip(tr("No wait is longer than this, a Retry-After's included"));
    m_jitter->setObjectName(QStringLiteral("jitter"));
    m_jitter->setRange(0, 100);
    m_jitter->setDecimals(0);
    m_jitter->setSuffix(tr(" %"));
    m_jitter->setValue(retry.jitter * 100);
    m_jitter->setToolTip(tr("Each wait is drawn at random this far either side of its value, so many senders do "
                            "not retry in step"));
    const char *names[FailureCount] = {"retryOnConnectionError", "retryOnTimeout", "retryOn5xx", "retryOn429",
                                       "retryOn408"};
    auto *retryRow = new QHBoxLayout;
    for (int failure = 0; failure < FailureCount; ++failure) {
        m_retryOn[failure]->setObjectName(QLatin1String(names[failure]));
        m_retryOn[failure]->setChecked(retry.*kRetryOn[failure]);
        retryRow->addWidget(m_retryOn[failure]);
    }
    retryRow->addStretch();
    m_retryOn[ConnectionError]->setToolTip(tr("Refused, reset or closed before the answer was complete"));
    m_retryOn[Timeout]->setToolTip(tr("No connection within the connect timeout, or no answer within the total"));
    m_retryAfter->setObjectName(QStringLiteral("honourRetryAfter"));
    m_retryAfter->setChecked(retry.honourRetryAfter);
    auto *waits = new QHBoxLayout;
    waits->addWidget(m_delay);
    auto *atMost = new QLabel(tr("at &most"), this);
    atMost->setBuddy(m_maxDelay);
    auto *jitter = new QLabel(tr("&jitter"), this);
    jitter->setBuddy(m_jitter);
    waits->addWidget(atMost);
    waits->addWidget(m_maxDelay);
    waits->addWidget(jitter);
    waits->addWidget(m_jitter);
    waits->addStretch();
    setUpMilliseconds(m_connectTimeout, "connectTimeout", 100, 600'000, 1000, client.connectTimeoutMs);
    setUpMilliseconds(m_totalTimeout, "totalTimeout", 100, 3'600'000, 1000, client.totalTimeoutMs);

    auto *layout = new QFormLayout(this);
    layout->addRow(tr("&Attempts:"), m_attempts);
    auto *retryLabel = new QLabel(tr("Retr&y on:"), this);
    retryLabel->setBuddy(m_retryOn[ConnectionError]);
    auto *delayLabel = new QLabel(tr("First &retry after:"), this);
    delayLabel->setBuddy(m_delay);
    layout->addRow(retryLabel, retryRow);
    layout->addRow(delayLabel, waits);
    layout->addRow(QString(), m_retryAfter);
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
    message->retry.maxDelayMs = m_maxDelay->value();
    message->retry.jitter = m_jitter->value() / 100.0;
    for (int failure = 0; failure < FailureCount; ++failure)
        message->retry.*kRetryOn[failure] = m_retryOn[failure]->isChecked();
    message->retry.honourRetryAfter = m_retryAfter->isChecked();
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
    m_maxDelay->setValue(message.retry.maxDelayMs);
    m_jitter->setValue(message.retry.jitter * 100);
    for (int failure = 0; failure < FailureCount; ++failure)
        m_retryOn[failure]->setChecked(message.retry.*kRetryOn[failure]);
    m_retryAfter->setChecked(message.retry.honourRetryAfter);
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
