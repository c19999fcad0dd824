#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

class QSettings;
class QUrl;

namespace Delivery {
struct Message;
}

namespace Gui {

/**
 * The certificates the user accepted for a destination ("Accept this certificate"): per
 * "host:port", the SHA-256 fingerprints of leaf certificates that pass although no CA vouches for
 * them. Kept in the settings (Settings::CertificatePins), so they outlive the session; read afresh
 * on every call, so two panels never disagree.
 */
class CertificatePins
{
public:
    /// Reads and writes `backend` (not owned), or without one the application's QSettings.
    explicit CertificatePins(QSettings *backend = nullptr);

    /// "host:port" of an https URL (port 443 when none is given; IPv6 hosts in brackets).
    static QString destinationOf(const QUrl &url);

    /// The accepted fingerprints (32 raw bytes each) for "host:port".
    QList<QByteArray> pins(const QString &destination) const;
    /// Remembers `sha256` (32 raw bytes) for "host:port"; false when it is not a SHA-256.
    bool accept(const QString &destination, const QByteArray &sha256);
    /// Forgets every certificate accepted for "host:port".
    void forget(const QString &destination);
    /// Adds the pins of each of the message's https destinations to its client options.
    void applyTo(Delivery::Message *message) const;

private:
    QSettings *m_backend;
};

} // namespace Gui
