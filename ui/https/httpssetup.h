#pragma once

#include "http/tlsserver.h"
#include "tls/identity.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class QObject;
class QSettings;

namespace Gui {

/// How the window serves HTTPS, as the HTTPS dialog edits it and the settings keep it.
struct HttpsSetup
{
    enum class Source {
        Generated, ///< the certificate Hookscope makes and keeps (Tls::IdentityStore)
        PemFiles,  ///< the user's certificate and key, PEM
        Pkcs12,    ///< the user's PKCS#12 file, with a password kept in the keychain
    };

    bool enabled = false;
    quint16 port = 8443; ///< tried first; the next free one is taken when it is busy; 0: any
    bool plainPortTakesTls = false;
    Source source = Source::Generated;
    QString certificateFile;
    QString keyFile;
    QString pkcs12File;
    QStringList extraNames; ///< for the generated certificate

    /// Whether a certificate is needed: HTTPS is on, or the plain port takes TLS.
    bool needsCertificate() const { return enabled || plainPortTakesTls; }

    /// `backend` null: the application's settings.
    static HttpsSetup load(QSettings *backend = nullptr);
    void save(QSettings *backend = nullptr) const;
    /// Host names and addresses as typed: separated by commas or spaces.
    static QStringList parseNames(const QString &text);

    friend bool operator==(const HttpsSetup &, const HttpsSetup &) = default;
};

/// A certificate ready to serve: who it says it is, and the TLS context made from it.
struct HttpsCertificate
{
    Q_DECLARE_TR_FUNCTIONS(Gui::HttpsCertificate)

public:
    enum class Mode {
        Use,        ///< the generated one is made on first use (or anew when it cannot be used)
        Preview,    ///< nothing written: a generated one that would be made is left for later (note says so)
        Regenerate, ///< the generated one is made anew
    };

    Tls::Identity identity;
    std::shared_ptr<const Http::TlsServerContext> context;
    QString error; ///< why there is none
    QString note;  ///< something the user should know: a certificate was (or will be) made anew

    bool isNull() const { return !context; }

    /// Reads the user's files, or the kept certificate in `storeDir` (Tls::IdentityStore), and
    /// makes the TLS context. Reads files and may write some: run it off the GUI thread.
    static HttpsCertificate load(const HttpsSetup &setup, const QByteArray &pkcs12Password, const QString &storeDir,
                                 Mode mode = Mode::Use);
    /// load() on a pool thread; `done` runs on the GUI thread, unless `context` is gone by then.
    static void loadInBackground(QObject *context, const HttpsSetup &setup, const QByteArray &pkcs12Password,
                                 const QString &storeDir, Mode mode,
                                 std::function<void(const HttpsCertificate &)> done);
};

} // namespace Gui
