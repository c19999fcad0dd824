#pragma once

// The internal interface every signature scheme implements. Not part of the public API: the
// rest of the application goes through signing.h.

#include "signing.h"

#include <QCryptographicHash>
#include <QLatin1String>

namespace Signing {

/// A secret once read: an HMAC key, or one half of an Ed25519 key pair.
struct Key
{
    enum class Kind : quint8 { Hmac, Ed25519Private, Ed25519Public };
    Kind kind = Kind::Hmac;
    QByteArray bytes;     ///< the HMAC key, or the Ed25519 seed (private keys only)
    QByteArray publicKey; ///< Ed25519 only
};

/// One received signature of a version the scheme checks, decoded.
struct ReceivedSignature
{
    QByteArray version; ///< "v1", "v1a", "sha256", "sha1", "h1"; empty where the scheme has none
    QByteArray bytes;
};

/// What a scheme read from a request's headers.
struct Parsed
{
    Verdict problem = Verdict::NotChecked; ///< MissingHeader or MalformedHeader when unusable
    QString detail;                        ///< why, for those
    QByteArray headerName;                 ///< the signature header, spelled as sent
    QList<QByteArray> received;            ///< every signature entry in it, as sent
    QList<ReceivedSignature> signatures;   ///< those of versions the scheme checks
    QByteArray knownVersions;              ///< for messages: "v1, v1a"
    QByteArray id;                         ///< the message id, where the scheme signs one
    QByteArray timestampText;              ///< as sent, where the scheme signs one
    bool hasTimestamp = false;
    qint64 timestamp = 0;   ///< unix seconds
    QByteArray contentType; ///< Twilio signs the parameters of form bodies

    bool ok() const { return problem == Verdict::NotChecked; }
};

/// What a check signs over besides the headers. Diagnosis substitutes other bodies and URLs.
struct Material
{
    QByteArrayView body;
    QString url;
    bool wantExpected = true; ///< false: skip work only display needs (an Ed25519 signature)
};

/// What one key gives for one request.
struct Check
{
    bool matched = false;
    QByteArray expected; ///< spelled as the header carries it; empty when the key cannot sign
    QByteArray signedBytes;
    QString url;     ///< the URL signed, for schemes that sign one (Twilio may add the port)
    QString problem; ///< why a request does not verify although a signature matched
};

/// A way a secret is commonly misread, to try when nothing matches.
struct Misreading
{
    Key key;
    QString hint;
};

class Scheme
{
    Q_DECLARE_TR_FUNCTIONS(Signing::Scheme)

public:
    struct Info
    {
        QLatin1String id;
        QLatin1String title;
        int toleranceSeconds; ///< 0: no timestamp
        bool checksFuture;    ///< a timestamp ahead of the arrival is rejected too
    };

    explicit Scheme(const Info &info)
        : m_info(info)
    {
    }
    virtual ~Scheme() = default;
    Scheme(const Scheme &) = delete;
    Scheme &operator=(const Scheme &) = delete;

    QLatin1String id() const { return m_info.id; }
    QString title() const { return m_info.title; }
    int defaultToleranceSeconds() const { return m_info.toleranceSeconds; }
    bool checksFuture() const { return m_info.checksFuture; }

    /// The headers whose presence identifies the scheme, most preferred first.
    virtual QList<QByteArrayView> signatureHeaders() const = 0;
    virtual bool signsUrl() const { return false; }
    /// Reads a configured secret; an error says why it cannot be used.
    virtual Key key(QByteArrayView secret, QString *error) const;
    /// Other ways people (or senders) read the same secret.
    virtual QList<Misreading> misreadings(QByteArrayView secret) const;
    virtual Parsed parse(const Http::Request &request) const = 0;
    virtual Check check(const Parsed &parsed, const Material &material, const Key &key) const = 0;
    /// `options` has nowSeconds resolved; an empty id is for the scheme to make.
    virtual Signed sign(const Key &key, QByteArrayView body, const QString &url, const SignOptions &options) const = 0;

protected:
    Parsed missing(QByteArrayView header) const;
    Parsed malformed(const Parsed &partial, const QString &why) const;

private:
    Info m_info;
};

/// Schemes whose signature is an HMAC over bytes they assemble.
class HmacScheme : public Scheme
{
public:
    using Scheme::Scheme;
    Check check(const Parsed &parsed, const Material &material, const Key &key) const override;

protected:
    virtual QByteArray signedBytes(const Parsed &parsed, const Material &material) const = 0;
    virtual QCryptographicHash::Algorithm algorithm(const Parsed &) const { return QCryptographicHash::Sha256; }
    /// The MAC as the header carries it.
    virtual QByteArray spell(const Parsed &parsed, QByteArrayView mac) const = 0;
    /// The MAC and its spelling for a message being signed.
    QByteArray signature(const Parsed &parsed, const Material &material, const Key &key) const;
};

/// Every scheme, in the order schemeIds() promises.
const QList<const Scheme *> &allSchemes();
const Scheme *findScheme(QStringView id);

// Helpers the schemes share.
QByteArray hmac(QCryptographicHash::Algorithm algorithm, QByteArrayView key, QByteArrayView message);
/// Constant time in the length of the inputs, so a forger learns nothing from timing.
bool equalConstantTime(QByteArrayView a, QByteArrayView b);
bool anySignatureEquals(const Parsed &parsed, QByteArrayView version, QByteArrayView mac);
/// Strict decoders: the whole text, exactly `length` bytes.
bool decodeHex(QByteArrayView text, qsizetype length, QByteArray *out);
bool decodeBase64(QByteArrayView text, qsizetype length, QByteArray *out);
/// Decimal unix seconds, digits only.
bool parseUnixSeconds(QByteArrayView text, qint64 *seconds);
/// RFC 3339 date-time (any number of fraction digits, which are dropped) as unix seconds.
bool parseRfc3339(QByteArrayView text, qint64 *seconds);
QByteArray formatRfc3339Nanoseconds(qint64 seconds);
/// `length` characters from [0-9A-Za-z], through the system's random source.
QByteArray randomAlphanumeric(int length);
QByteArray randomUuid();
/// The first header named `name` (case-insensitively): its name as sent and its value; false if none.
bool findHeader(const Http::Request &request, QByteArrayView name, QByteArray *sentName, QByteArrayView *value);
/// "name=value" split at the first '='; false when there is none.
bool splitPair(QByteArrayView item, QByteArrayView *name, QByteArrayView *value);

} // namespace Signing
