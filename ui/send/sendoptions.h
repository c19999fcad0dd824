#pragma once

#include "delivery/sender.h"

#include <QWidget>

class QCheckBox;
class QSpinBox;

namespace Gui {

/// The send's switches, compactly: retries (attempts, first wait), timeouts, chunked body,
/// accepting any certificate, and going around the environment's proxy.
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
    QCheckBox *chunkedBox() const { return m_chunked; }

Q_SIGNALS:
    void chunkedChanged(bool chunked);

private:
    QSpinBox *m_attempts;
    QSpinBox *m_delay;
    QSpinBox *m_connectTimeout;
    QSpinBox *m_totalTimeout;
    QCheckBox *m_chunked;
    QCheckBox *m_insecure;
    QCheckBox *m_noProxy;
};

} // namespace Gui
