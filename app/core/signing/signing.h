#pragma once

#include "http/request.h"
#include "http/response.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Signing {

/**
 * The verdict on one request, in one byte: what the request table stores and filters on.
 * Values are stored in session files; never renumber them.
 */
enum class Verdict : quint8 {
    NotChecked = 0,      ///< no verification ran (imported, or verification off)
    Unsigned = 1,        ///< no scheme's signature headers
    NoSecret = 2,        ///< signed, but no secret is configured for its scheme (and path)
    Valid = 3,           ///< a signature matches a configured secret and the timestamp is in tolerance
    Mismatch = 4,        ///< invalid: no signature matches any configured secret
    TimestampTooOld = 5, ///< invalid: a signature matches, but its timestamp is older than the tolerance
    TimestampTooNew = 6, ///< invalid: a signature matches, but its timestamp is further ahead than the tolerance
    MalformedHeader = 7, ///< invalid: the signature header cannot be parsed (or the secret cannot be used)
    MissingHeader = 8,   ///< invalid: a header the scheme needs is absent (or a secret's path expects a signature)
};
/// "valid", "invalid", "unsigned", "no-secret" or "" (NotChecked).
QString statusName(Verdict verdict);
/// "mismatch", "timestamp-too-old", "timestamp-too-new", "malformed-header", "missing-header", or
/// "" for verdicts that are not invalid.
QString reasonName(Verdict verdict);
bool isInvalid(Verdict verdict);
/// The verdict named by a status or reason word (as statusName/reasonName spell them); false if none.
bool verdictFromName(QStringView name, Verdict *verdict);

/// One configured secret.
struct Secret
{
    QString scheme;      ///< scheme id: "github", "stripe", ...
    QByteArray secret;   ///< exactly as the provider shows it (whsec_..., whsk_..., whpk_..., plain)
    QString pathPattern; ///< glob ('*', '?') on the request path; empty: any path
    QString label;       ///< how results name it; empty: "<scheme> secret <n>"
};

/// Everything verification needs besides the request. A value type: the GUI and the command line
/// build one and hand it to the capture thread whole.
struct Config
{
    QList<Secret> secrets;
    /// Where the provider calls us, e.g. "https://abc.trycloudflare.com": for schemes that sign
    /// the URL (Twilio, Square), the signed URL is this origin followed by the request's target.
    /// Empty: "http://" + the Host header + the target, with a hint that it was guessed.
    QString publicUrl;
    /// Timestamp tolerance in seconds per scheme id, overriding the scheme's default.
    QHash<QString, int> toleranceSeconds;
    /// Earlier public URLs (a restarted quick tunnel gets a new one): a request whose Host names
    /// one of these was signed with that one, so requests from before a change stay valid.
    QStringList earlierPublicUrls;

    bool isEmpty() const { return secrets.isEmpty(); }
};

/// The result a captured request keeps (and the session file stores).
struct Result
{
    QString scheme; ///< scheme id; empty when unsigned
    Verdict verdict = Verdict::NotChecked;
    qint64 skewSeconds = 0; ///< request time minus signed timestamp (positive: signed in the past); 0 when none
    QString secretLabel;    ///< valid: the secret that matched
    QString detail;         ///< one line for people: why, e.g. "timestamp 301 s old (tolerance 300 s)"

    bool operator==(const Result &) const = default;
};

/// One secret tried against the request.
struct Attempt
{
    QString secretLabel;
    QByteArray expected; ///< the signature this secret gives, spelled as the header carries it
    bool matched = false;
};

/// Everything the Signature tab shows: enough for a user to see why a signature does not match.
struct Diagnosis
{
    Result result;
    QByteArray signedBytes;     ///< exactly what was signed (for Twilio forms: URL + sorted params)
    QString url;                ///< the URL used, for schemes that sign it
    QByteArray headerName;      ///< the header the signatures came in
    QList<QByteArray> received; ///< each signature found in that header, as sent
    QList<Attempt> attempts;    ///< one per secret tried, in configuration order
    QStringList hints;          ///< known traps that fit what was seen
};

/// Bytes for display with nothing invisible: printable ASCII as is, "\r", "\n", "\t", "\\",
/// and "\xNN" for every other byte (so a stray CR or a non-breaking space shows).
QString escapeForDisplay(QByteArrayView bytes);

/// Verifies captured requests against a Config. Immutable after construction; cheap to copy;
/// safe to use from any thread.
class Verifier
{
public:
    Verifier() = default;
    explicit Verifier(Config config);

    const Config &config() const { return m_config; }

    /// The verdict for a request received at `nowSeconds` (the time it arrived, not the time of
    /// checking: re-verifying yesterday's session must not call every timestamp stale).
    Result verify(const Http::Request &request, qint64 nowSeconds) const;
    /// verify() plus what the Signature tab shows.
    Diagnosis diagnose(const Http::Request &request, qint64 nowSeconds) const;

private:
    Config m_config;
};

/// What sign() produced: the headers to add, in order, or why not.
struct Signed
{
    Http::HeaderList headers;
    QString error; ///< empty on success
};

struct SignOptions
{
    qint64 nowSeconds = -1; ///< -1: the current time
    QByteArray id;          ///< message id for schemes that have one; empty: a fresh random one
    QByteArray contentType; ///< Twilio: form bodies sign their sorted parameters
};

/// The headers that sign `body` for `scheme` with `secret` (and `url` for Twilio and Square),
/// with a fresh id and timestamp where the scheme has them.
Signed sign(QStringView scheme, QByteArrayView secret, QByteArrayView body, const QString &url = {},
            const SignOptions &options = {});

/// Zoom's endpoint.url_validation answer for this request body: {"plainToken":...,"encryptedToken":...}
/// as compact JSON, or empty when the body is not such a challenge.
QByteArray zoomUrlValidationResponse(QByteArrayView secret, QByteArrayView body);

/// The ids of every scheme, in a stable order: standard-webhooks, svix, github, stripe, slack,
/// shopify, twilio, square, paddle, zoom, twitch.
QStringList schemeIds();
/// "GitHub", "Standard Webhooks", ...; empty for an unknown id.
QString schemeTitle(QStringView id);
/// The scheme whose signature headers the request carries, or empty.
QString detectScheme(const Http::Request &request);
/// The scheme's own tolerance in seconds (0: it signs no timestamp). A Config::toleranceSeconds
/// entry of 0 turns the check off for that scheme.
int defaultToleranceSeconds(QStringView id);
/// Whether the scheme signs the URL (Twilio, Square): sign() needs one, verification the public URL.
bool schemeSignsUrl(QStringView id);

/// Hookscope's own test webhook (the window's "Send a Test Webhook"): a GitHub push signed with this
/// secret, on the path /hookscope/test-webhook only. The window verifies with it beside the user's
/// secrets so the first delivery a user sees is a valid one; elsewhere it does not count as "a
/// GitHub secret is set".
Secret testWebhookSecret();
bool isTestWebhookSecret(const Secret &secret);

} // namespace Signing
