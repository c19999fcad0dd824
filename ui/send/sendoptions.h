#pragma once

#include "delivery/sender.h"

#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QSpinBox;

namespace Gui {

/// The send's switches, compactly: retries (attempts, first wait, longest wait, jitter, which
/// failures are tried again, Retry-After), timeouts, chunked body, accepting any certificate, and
/// going around the environment's proxy.
class SendOptions : public QWidget
{
    Q_OBJECT

public:
    explicit SendOptions(QWidget *parent = nullptr);

    /// Sets the retry policy, client options and chunked flag of `message` from the switches.
    void applyTo(Delivery::Message *message) const;
    /// Shows what `message` was sent with.
    void showFrom(const Delivery::Message &message);
    bool chunked() const;

    QSpinBox *attemptsBox() const { return m_attempts; }
    QSpinBox *firstDelayBox() const { return m_delay; }
    QCheckBox *chunkedBox() const { return m_chunked; }
    enum Failure { ConnectionError, Timeout, Status5xx, Status429, Status408, FailureCount };
    /// "Retry on": whether this kind of failure is tried again.
    QCheckBox *retryOnBox(Failure failure) const { return m_retryOn[failure]; }
    QCheckBox *retryAfterBox() const { return m_retryAfter; }
    QSpinBox *maxDelayBox() const { return m_maxDelay; }
    QDoubleSpinBox *jitterBox() const { return m_jitter; }

Q_SIGNALS:
    void chunkedChanged(bool chunked);

private:
    QSpinBox *m_attempts;
    QSpinBox *m_delay;
    QSpinBox *m_maxDelay;
    QDoubleSpinBox *m_jitter;
    QCheckBox *m_retryOn[FailureCount];
    QCheckBox *m_retryAfter;
    QSpinBox *m_connectTimeout;
    QSpinBox *m_totalTimeout;
    QCheckBox *m_chunked;
    QCheckBox *m_insecure;
    QCheckBox *m_noProxy;
};

} // namespace Gui
